package dev.jvmpprof.heap;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedObject;
import jdk.jfr.consumer.RecordingFile;

import dev.jvmpprof.heap.AllocationCounts.Site;
import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.jfr.RecorderOptions;
import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.pprof.EpochNanos;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Samples allocations and live objects from the start of the application, as Go's runtime does, with the JDK's own
 * Flight Recorder in this process.
 *
 * <p>Why JFR and not async-profiler: async-profiler runs one session per JVM, and that session belongs to the window
 * profiles (CPU, locks, wall clock); an always-on heap sampler there would take it away. Its {@code live} option
 * also writes the live set only when the session stops, so it could not answer "the heap now" twice without
 * forgetting every object allocated before. JFR answers both questions:
 * <ul>
 * <li>{@code jdk.ObjectAllocationInNewTLAB} and {@code jdk.ObjectAllocationOutsideTLAB}, read from the always-on
 * stream the other recorders share: the
 * object that starts a thread's new allocation buffer, with its size and the buffer's, and every object allocated
 * outside a buffer. An object that starts a buffer stands for the buffer's bytes in objects of its size (the
 * boundary falls on an object with a chance that grows with its size, as in Go's sampling by bytes); an object
 * outside a buffer stands for itself. See {@link #countInNewBuffer};</li>
 * <li>{@code jdk.OldObjectSample}, the leak profiler: a bounded set of sampled objects that are still alive, each
 * with its allocation stack, written whenever the recording is dumped. They split the heap between sites; after a
 * full collection ({@link #snapshotAfterFullGc}) the JVM's class histogram makes each type's total exact.</li>
 * </ul>
 */
public final class HeapSampler implements Closeable {

	static final String IN_NEW_BUFFER = "jdk.ObjectAllocationInNewTLAB";

	static final String OUTSIDE_BUFFER = "jdk.ObjectAllocationOutsideTLAB";

	static final String OLD_OBJECT_SAMPLE = "jdk.OldObjectSample";

	/**
	 * The longest a snapshot waits for the stream to read its mark. The stream reads what JFR flushes, once a
	 * second, about a second late; a stream that has just started (metadata to parse, code not yet compiled) on a
	 * busy machine has been seen to lag more than two seconds. A stream that lags even more is stuck, and the
	 * profile then leaves out what it has not read rather than hang the request.
	 */
	private static final Duration CATCH_UP = Duration.ofSeconds(30);

	private final AllocationCounts counts = new AllocationCounts();

	private final AllocationSiteCache allocationSites = new AllocationSiteCache(this.counts);

	private final long interval;

	private final JavaTypes types;

	private final LiveShareMemory liveShares = new LiveShareMemory();

	private final AllocationLog allocationLog = AllocationLog.ofThisJvm();

	// Kept apart from the full collections' shares: a census is taken at another time and leaves small types out,
	// and each kind of answer is compared with its own kind.
	private final LiveShareMemory censusShares = new LiveShareMemory();

	private final ContinuousRecording recording;

	private final int leakProfilerQueue = RecorderOptions.leakProfilerQueueSize();

	private PreSamplingHeap beforeSampling;

	private Instant sampledFrom;

	private ContinuousRecording.Subscription allocations;

	private Recording oldObjects;

	private volatile MarkingCensus census;

	// The last exact count of every type, which bounds the types a census leaves out (each under 0.5% of the heap).
	private volatile ClassHistogram lastExact;

	/**
	 * Creates a sampler with a stream of its own; call {@link #start()} to start it.
	 * @param interval the sampling period the profiles report; Flight Recorder's allocation buffers set the real one
	 * @param classLoader the loader that sees the application's classes, to size their instances
	 */
	public HeapSampler(long interval, ClassLoader classLoader) {
		this(interval, classLoader, new ContinuousRecording());
	}

	/**
	 * Creates a sampler that reads allocations from a stream it shares with the other always-on recorders; call
	 * {@link #start()} to start it.
	 * @param interval the sampling period the profiles report; Flight Recorder's allocation buffers set the real one
	 * @param classLoader the loader that sees the application's classes, to size their instances
	 * @param recording the shared stream
	 */
	public HeapSampler(long interval, ClassLoader classLoader, ContinuousRecording recording) {
		this.interval = interval;
		this.types = JavaTypes.ofThisJvm(classLoader);
		this.recording = recording;
	}

	/**
	 * Returns the sampling period the profiles report.
	 * @return the bytes, Go's {@code MemProfileRate}
	 */
	public long interval() {
		return this.interval;
	}

	/**
	 * Starts sampling.
	 */
	public synchronized void start() {
		if (this.allocations != null) {
			return;
		}
		Optional<ClassHistogram> types = ClassHistogram.afterFullGc();
		PreSamplingHeap preSampling = PreSamplingHeap.start(types);
		this.lastExact = types.orElse(null);
		ContinuousRecording.Subscription subscription = this.recording
			.subscribe(Set.of(IN_NEW_BUFFER, OUTSIDE_BUFFER), null, this::count);
		Recording leakProfiler = new Recording();
		try {
			subscription.onFlush(preSampling::lowerToLastCollection);
			leakProfiler.setName("pprof heap");
			// cutoff 0: no search for paths to GC roots, which stops the world to walk the heap on every dump.
			leakProfiler.enable(OLD_OBJECT_SAMPLE).with("cutoff", "0 ns").withStackTrace();
			leakProfiler.setToDisk(false);
			leakProfiler.start();
		}
		catch (RuntimeException ex) {
			leakProfiler.close();
			subscription.close();
			throw ex;
		}
		this.beforeSampling = preSampling;
		this.sampledFrom = leakProfiler.getStartTime();
		this.allocations = subscription;
		this.oldObjects = leakProfiler;
	}

	/**
	 * Sets whether a plain answer asks G1 for a concurrent marking and counts the heap's larger types as of it
	 * ({@link MarkingCensus}), where the JVM allows; otherwise it reads the heap after the last collection, whose
	 * old generation may hold garbage that no marking has found yet.
	 * @param ask whether to ask
	 */
	public void askForMarkings(boolean ask) {
		this.census = ask ? MarkingCensus.ofThisJvm(this.recording, this.allocationLog).orElse(null) : null;
	}

	private void count(RecordedEvent event) {
		if (IN_NEW_BUFFER.equals(event.getEventType().getName())) {
			countInNewBuffer(event);
		}
		else {
			countOutsideBuffer(event);
		}
	}

	/**
	 * Counts the object that started a new allocation buffer as the buffer's bytes in objects of its size.
	 *
	 * <p>Why these events and not {@code jdk.ObjectAllocationSample}, which JFR throttles: that sample weighs the
	 * bytes its thread allocated since its previous sample, whatever their sizes and sites, and has no object size.
	 * Counting objects as weight over size needs the size, which an array's type does not give; counting them as
	 * one per sample read a site of 65,552-byte arrays as 146,683 bytes an object. These events carry the size, and
	 * an event at every new buffer and every allocation outside one is not a choice the throttle makes: a thread
	 * that allocates one size reads within a few percent in objects and bytes ({@code HeapAllocationAccuracyTests}).
	 * They cost no extra stack walk: the leak profiler already records the stack at the same two points. About
	 * 2,000 events a second at 1 GB/s, 10,000 at the fastest allocating loop, each read in under a microsecond.
	 *
	 * <p>What neither event can tell: which objects filled a buffer. The boundary falls on an object with a chance
	 * that grows with its size only up to the buffer's refill waste limit (1/64 of it): a larger array that does
	 * not fit goes outside the buffer (counted exactly) while small objects fill its tail. So in a thread that
	 * mixes small objects with arrays larger than that limit, the arrays that land inside buffers are counted to
	 * the small objects; the thread's total stays right. The README gives the measured error.
	 */
	private void countInNewBuffer(RecordedEvent event) {
		long size = event.getLong("allocationSize");
		count(event, size, (double) Math.max(event.getLong("tlabSize"), size) / size);
	}

	private void countOutsideBuffer(RecordedEvent event) {
		count(event, event.getLong("allocationSize"), 1);
	}

	private void count(RecordedEvent event, long size, double objects) {
		RecordedClass type = event.getClass("objectClass");
		if (type != null && size > 0) {
			double[] counter = this.allocationSites.counter(type.getName(), size, event.getStackTrace());
			this.counts.add(counter, objects, objects * size);
			if (this.allocationLog.isOpen()) {
				this.allocationLog.add(EpochNanos.of(event.getStartTime()), type.getName(), size, objects);
			}
		}
	}

	/**
	 * Returns the count of the heap's live objects that a plain answer reads: as of an old-generation marking (one
	 * this call asks for, where {@link #askForMarkings} allows), or empty for as of the last garbage collection.
	 * @return the census, or empty
	 * @throws InterruptedException if interrupted while waiting for the marking
	 */
	Optional<MarkingCensus.Census> takeCensus() throws InterruptedException {
		MarkingCensus markings = this.census;
		return (markings != null) ? markings.take() : Optional.empty();
	}

	/**
	 * Returns the heap profile now: allocations since sampling started and the objects alive as of a census (or,
	 * where it is empty, the last garbage collection), each at the stack that allocated it. Both answers of a delta
	 * ({@code seconds}) read the same census, so that their live values are as of the same marking and their
	 * allocations span the window asked for, not the window and a marking (4 to 5 s more).
	 * @param taken the census from {@link #takeCensus()}
	 * @return the profile with Go's four heap values
	 * @throws IOException if the leak profiler's samples cannot be written or read
	 */
	StackProfile snapshotAsOf(Optional<MarkingCensus.Census> taken) throws IOException, InterruptedException {
		ClassHistogram exact = this.lastExact;
		return snapshot(Optional.empty(), (exact != null) ? taken.map((counts) -> counts.boundedBy(exact)) : taken);
	}

	/**
	 * Returns the heap profile after a full collection, Go's {@code heap?gc=1}: the live values are then exact for
	 * each type, counted by the JVM's class histogram in the collection's pause.
	 * @return the profile with Go's four heap values
	 * @throws IOException if the leak profiler's samples cannot be written or read
	 */
	public StackProfile snapshotAfterFullGc() throws IOException, InterruptedException {
		Optional<ClassHistogram> histogram = ClassHistogram.afterFullGc();
		if (histogram.isEmpty()) {
			System.gc();
		}
		histogram.ifPresent((types) -> this.lastExact = types);
		return snapshot(histogram, Optional.empty());
	}

	private StackProfile snapshot(Optional<ClassHistogram> histogram, Optional<MarkingCensus.Census> census)
			throws IOException, InterruptedException {
		long mark = this.recording.mark();
		LeakProfilerDump dump = liveObjects();
		List<LiveObject> live = dump.objects();
		this.recording.awaitDelivery(mark, CATCH_UP);
		long inUse = census.map((counts) -> counts.counted().totalBytes() + counts.uncounted())
			.orElseGet(() -> histogram.map(ClassHistogram::totalBytes).orElseGet(HeapUsage::afterLastGc));
		PreSamplingHeap preSampling = preSamplingHeap();
		long beforeSampling = (preSampling != null)
				? preSampling.lowerTo(inUse - live.stream().mapToLong(LiveObject::size).sum()) : inUse;
		// The live samples' stacks were grouped into inline chains when they were allocated: counted at the same
		// sites as the allocations, a site with live objects is one sample.
		List<LiveObject> atSites = live.stream()
			.map((object) -> object.at(this.counts.site(object.site())))
			.toList();
		HeapProfileBuilder builder = new HeapProfileBuilder().allocations(this.counts.snapshot());
		if (histogram.isPresent() && preSampling != null) {
			synchronized (this.liveShares) {
				builder.liveByType(atSites, histogram.get(), preSampling, this.liveShares);
			}
		}
		else if (census.isPresent() && preSampling != null) {
			synchronized (this.censusShares) {
				builder.liveByCensus(atSites, census.get(), preSampling, this.censusShares);
			}
		}
		else {
			builder.live(atSites, inUse, beforeSampling);
		}
		StackProfile profile = builder.build();
		String liveness = census.map((counts) -> censusComment(counts, live.size()))
			.orElseGet(HeapSampler::asOfLastCollectionComment);
		profile.comment((histogram.isPresent() ? exactComment(live.size()) : liveness) + dump.fullQueueNote());
		return profile;
	}

	private static String censusComment(MarkingCensus.Census census, int liveSamples) {
		return "inuse: the objects alive at the old-generation marking of " + census.countedAt() + " (the young "
				+ "generation then left out), each type that held 0.5% of the heap or more exact (its leaf frame), "
				+ "the rest of the heap after that marking "
				+ "(at most what the last exact count found of those types) spread over its samples; a type's split "
				+ "between the sites that allocated it is estimated from " + liveSamples + " live samples";
	}

	private static String exactComment(int liveSamples) {
		return "inuse: the objects alive after the full collection this request ran, each type's bytes exact (its "
				+ "leaf frame); a type's split between the sites that allocated it is estimated from " + liveSamples
				+ " live samples";
	}

	private static String asOfLastCollectionComment() {
		String when = HeapUsage.lastCollection()
			.map((collection) -> " (" + collection.collector() + ", " + collection.ended() + ")")
			.orElse("");
		return "inuse: as of the last garbage collection" + when + "; a young collection leaves the old generation's "
				+ "garbage counted as in use: heap?gc=1 runs a full collection and counts each type exactly";
	}

	private synchronized PreSamplingHeap preSamplingHeap() {
		return this.beforeSampling;
	}

	/**
	 * Returns the sampled objects that are alive now (as of the last garbage collection).
	 * @return the live samples, and how full the leak profiler's queue is
	 * @throws IOException if the leak profiler's samples cannot be written or read
	 */
	LeakProfilerDump liveObjects() throws IOException {
		Recording recording;
		Instant from;
		synchronized (this) {
			recording = this.oldObjects;
			from = this.sampledFrom;
		}
		if (recording == null) {
			return new LeakProfilerDump(List.of(), 0, this.leakProfilerQueue);
		}
		Path file = Files.createTempFile("pprof-heap-", ".jfr");
		try {
			// A dump makes the leak profiler write its samples that are still alive.
			recording.dump(file);
			List<LiveObject> live = new ArrayList<>();
			int queued = 0;
			try (RecordingFile events = new RecordingFile(file)) {
				while (events.hasMoreEvents()) {
					RecordedEvent event = events.readEvent();
					if (OLD_OBJECT_SAMPLE.equals(event.getEventType().getName())) {
						queued++;
						LiveObject object = liveObject(event, from, this.types);
						if (object != null) {
							live.add(object);
						}
					}
				}
			}
			return new LeakProfilerDump(live, queued, this.leakProfilerQueue);
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	private static LiveObject liveObject(RecordedEvent event, Instant from, JavaTypes types) {
		// The leak profiler's queue is the JVM's, shared by every recording that enables it (another application
		// in this JVM, JFR's default settings): its older samples are part of the heap before sampling started.
		Instant allocated = event.getInstant("allocationTime");
		if (allocated.isBefore(from)) {
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
		return new LiveObject(new Site(name, StackConverter.stack(event.getStackTrace())), size,
				EpochNanos.of(allocated));
	}

	/**
	 * Stops sampling and releases the recordings.
	 */
	@Override
	public synchronized void close() {
		this.beforeSampling = null;
		if (this.oldObjects != null) {
			this.oldObjects.close();
			this.oldObjects = null;
		}
		if (this.allocations != null) {
			this.allocations.close();
			this.allocations = null;
		}
	}

}
