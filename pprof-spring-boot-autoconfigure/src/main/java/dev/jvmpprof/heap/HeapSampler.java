package dev.jvmpprof.heap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;
import jdk.jfr.consumer.RecordingStream;

import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Samples allocations and live objects from the start of the application, as Go's runtime does, with the JDK's own
 * Flight Recorder in this process.
 *
 * <p>Why JFR and not async-profiler: async-profiler runs one session per JVM, and that session belongs to the window
 * profiles (CPU, locks, wall clock); an always-on heap sampler there would take it away. Its {@code live} option
 * also writes the live set only when the session stops, so it could not answer "the heap now" twice without
 * forgetting every object allocated before. JFR answers both questions with two events:
 * <ul>
 * <li>{@code jdk.ObjectAllocationSample} (JDK 16+), read as a stream: each sample weighs the bytes its thread
 * allocated since its previous sample, so the weights add up to the bytes allocated;</li>
 * <li>{@code jdk.OldObjectSample}, the leak profiler: a bounded set of sampled objects that are still alive, each
 * with its allocation stack, written whenever the recording is dumped.</li>
 * </ul>
 */
public final class HeapSampler implements Closeable {

	static final String ALLOCATION_SAMPLE = "jdk.ObjectAllocationSample";

	static final String OLD_OBJECT_SAMPLE = "jdk.OldObjectSample";

	private static final long FLUSH_WAIT_NANOS = 2_500_000_000L;

	private final AllocationCounts allocations = new AllocationCounts();

	private final long interval;

	private final JavaTypes types;

	private final Object flushed = new Object();

	private long flushes;

	private SampleRate rate;

	private PreSamplingHeap beforeSampling;

	private Instant sampledFrom;

	private RecordingStream stream;

	private Recording oldObjects;

	/**
	 * Creates a sampler; call {@link #start()} to start it.
	 * @param interval the mean bytes allocated between two allocation samples to aim for
	 * @param classLoader the loader that sees the application's classes, to size their instances
	 */
	public HeapSampler(long interval, ClassLoader classLoader) {
		this.interval = interval;
		this.types = JavaTypes.ofThisJvm(classLoader);
	}

	/**
	 * Returns the sampling interval.
	 * @return the mean bytes between two allocation samples that the sampler aims for
	 */
	public long interval() {
		return this.interval;
	}

	/**
	 * Starts sampling.
	 */
	public synchronized void start() {
		if (this.stream != null) {
			return;
		}
		this.rate = new SampleRate(this.interval, 100, System.nanoTime());
		PreSamplingHeap preSampling = PreSamplingHeap.start();
		RecordingStream allocationStream = new RecordingStream();
		Recording leakProfiler = new Recording();
		try {
			allocationStream.enable(ALLOCATION_SAMPLE).with("throttle", this.rate.throttle()).withStackTrace();
			allocationStream.onEvent(ALLOCATION_SAMPLE, this::countAllocation);
			allocationStream.onFlush(() -> adjustRate(allocationStream));
			// The stream reads chunks from JFR's disk repository; old ones must go, or an always-on stream fills it.
			allocationStream.setMaxAge(Duration.ofMinutes(5));
			allocationStream.setMaxSize(64L * 1024 * 1024);
			allocationStream.startAsync();
			leakProfiler.setName("pprof heap");
			// cutoff 0: no search for paths to GC roots, which stops the world to walk the heap on every dump.
			leakProfiler.enable(OLD_OBJECT_SAMPLE).with("cutoff", "0 ns").withStackTrace();
			leakProfiler.setToDisk(false);
			leakProfiler.start();
		}
		catch (RuntimeException ex) {
			leakProfiler.close();
			allocationStream.close();
			preSampling.close();
			throw ex;
		}
		this.beforeSampling = preSampling;
		this.sampledFrom = leakProfiler.getStartTime();
		this.stream = allocationStream;
		this.oldObjects = leakProfiler;
	}

	// Runs on the stream's thread, like adjustRate: the rate needs no lock.
	private void countAllocation(RecordedEvent event) {
		RecordedClass type = event.getClass("objectClass");
		long weight = event.getLong("weight");
		this.rate.sampled(weight);
		if (type != null) {
			this.allocations.add(new Site(type.getName(), StackConverter.stack(event.getStackTrace())), weight);
		}
	}

	private void adjustRate(RecordingStream allocationStream) {
		synchronized (this.flushed) {
			this.flushes++;
			this.flushed.notifyAll();
		}
		String throttle = this.rate.update(System.nanoTime());
		if (throttle != null) {
			allocationStream.enable(ALLOCATION_SAMPLE).with("throttle", throttle);
		}
	}

	/**
	 * Returns the heap profile now: allocations since sampling started and the objects alive as of the last
	 * garbage collection, each at the stack that allocated it.
	 * @return the profile with Go's four heap values
	 * @throws IOException if the leak profiler's samples cannot be written or read
	 */
	public StackProfile snapshot() throws IOException, InterruptedException {
		long flushesBefore = flushes();
		List<LiveObject> live = liveObjects();
		awaitFlushAfter(flushesBefore);
		long inUse = HeapUsage.afterLastGc();
		long beforeSampling = preSamplingHeap(inUse, live);
		return new HeapProfileBuilder(this.types).allocations(this.allocations.snapshot(), live)
			.live(live, inUse, beforeSampling)
			.build();
	}

	/**
	 * Returns what is left of the heap in use when sampling started: the live samples are objects allocated since,
	 * alive at the last collection, so the heap in use then less their sizes bounds it too.
	 */
	private long preSamplingHeap(long inUse, List<LiveObject> live) {
		PreSamplingHeap preSampling;
		synchronized (this) {
			preSampling = this.beforeSampling;
		}
		if (preSampling == null) {
			return inUse;
		}
		return preSampling.lowerTo(inUse - live.stream().mapToLong(LiveObject::size).sum());
	}

	private long flushes() {
		synchronized (this.flushed) {
			return this.flushes;
		}
	}

	/**
	 * Waits until the stream has read what JFR wrote before the dump: threads write allocation samples to their
	 * own buffers, which reach the stream about a second later, and the dump has just written them all out.
	 */
	private void awaitFlushAfter(long flushesBefore) throws InterruptedException {
		long deadline = System.nanoTime() + FLUSH_WAIT_NANOS;
		synchronized (this.flushed) {
			// Two flushes: the one under way may have started before the dump.
			while (this.flushes < flushesBefore + 2) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				this.flushed.wait(left / 1_000_000 + 1);
			}
		}
	}

	/**
	 * Returns the sampled objects that are alive now (as of the last garbage collection).
	 * @return the live samples
	 * @throws IOException if the leak profiler's samples cannot be written or read
	 */
	List<LiveObject> liveObjects() throws IOException {
		Recording recording;
		Instant from;
		synchronized (this) {
			recording = this.oldObjects;
			from = this.sampledFrom;
		}
		if (recording == null) {
			return List.of();
		}
		Path file = Files.createTempFile("pprof-heap-", ".jfr");
		try {
			// A dump makes the leak profiler write its samples that are still alive.
			recording.dump(file);
			List<LiveObject> live = new ArrayList<>();
			try (RecordingFile events = new RecordingFile(file)) {
				while (events.hasMoreEvents()) {
					RecordedEvent event = events.readEvent();
					if (OLD_OBJECT_SAMPLE.equals(event.getEventType().getName())) {
						LiveObject object = liveObject(event, from, this.types);
						if (object != null) {
							live.add(object);
						}
					}
				}
			}
			return live;
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static LiveObject liveObject(RecordedEvent event, Instant from, JavaTypes types) {
		// The leak profiler's queue is the JVM's, shared by every recording that enables it (another application
		// in this JVM, JFR's default settings): its older samples are part of the heap before sampling started.
		if (event.getInstant("allocationTime").isBefore(from)) {
			return null;
		}
		RecordedObject object = event.getValue("object");
		RecordedClass type = (object != null) ? object.getValue("type") : null;
		if (type == null) {
			return null;
		}
		String name = type.getName();
		int elements = event.getInt("arrayElements");
		long size = name.startsWith("[") ? types.arraySize(name, elements) : types.instanceSize(name);
		return new LiveObject(new Site(name, StackConverter.stack(event.getStackTrace())), size);
	}

	/**
	 * Stops sampling and releases the recordings.
	 */
	@Override
	public synchronized void close() {
		if (this.beforeSampling != null) {
			this.beforeSampling.close();
			this.beforeSampling = null;
		}
		if (this.oldObjects != null) {
			this.oldObjects.close();
			this.oldObjects = null;
		}
		if (this.stream != null) {
			this.stream.close();
			this.stream = null;
		}
	}

}
