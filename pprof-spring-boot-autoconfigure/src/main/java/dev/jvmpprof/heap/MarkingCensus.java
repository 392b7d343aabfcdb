package dev.jvmpprof.heap;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.pprof.EpochNanos;

/**
 * Counts the live objects of the heap's larger types as of an old-generation marking, without a full collection:
 * what a plain {@code heap} answer reads, as Go's reads the heap as of its last completed collection.
 *
 * <p>Why: after a young collection the heap in use still holds every old object that died since the last marking;
 * on a service whose bounded cache replaces its oldest entries that was 2.5x the live heap, and two plain answers
 * showed the cache grown by 65-346 MiB (BENCHMARKS.md, "Leak hunt"). A marking finds that garbage; Flight Recorder's
 * {@code jdk.ObjectCountAfterGC}, enabled only while a census waits, counts the marked objects by type in the
 * marking's remark pause (a walk of the heap: 5 ms against 1 ms on 120-220 MB in use). It reports the types that
 * hold at least 0.5% of the heap ({@code -XX:ObjectCountCutOffPercent}); the rest of the heap after the marking and
 * its mixed collections is {@link Census#uncounted()}. The remark takes every young object for alive, garbage
 * included, so each counted type loses what it allocated since the young collection before the count, from the
 * allocation samples the sampler keeps in an {@link AllocationLog} while a census waits.
 *
 * <p>What it costs and how it is bounded: one concurrent marking (G1's own threads, no full pause) per census; a
 * census is reused for {@link #MIN_INTERVAL}, the next is asked for only after 200 times the last one's pauses (at
 * most 0.5% of the time in its pauses), and none after pauses over {@link #PAUSE_LIMIT} (16-32 ms were measured on
 * 150-450 MB in use, so a heap of several GB, whose walk a service would feel at every answer): plain answers then
 * estimate, as where the JVM is not G1. A census that does not complete within {@link #COUNT_TIMEOUT} is asked for
 * again only a minute later.
 */
final class MarkingCensus {

	static final String OBJECT_COUNT = "jdk.ObjectCountAfterGC";

	static final String COLLECTION = "jdk.GarbageCollection";

	static final String HEAP_SUMMARY = "jdk.GCHeapSummary";

	static final String YOUNG_COLLECTION = "jdk.G1GarbageCollection";

	static final Duration MIN_INTERVAL = Duration.ofSeconds(10);

	static final Duration PAUSE_LIMIT = Duration.ofMillis(200);

	private static final int PAUSE_SHARE = 200;

	/** After a census that did not complete in time: a marking too long for an answer to wait for. */
	private static final Duration RETRY_AFTER_TIMEOUT = Duration.ofMinutes(1);

	/** G1 starts no cycle of ours while one of its own runs; its own then serves. */
	private static final Duration START_TIMEOUT = Duration.ofSeconds(2);

	/**
	 * The mixed collections after the marking come with the application's allocations; an idle one makes none, and
	 * its answer is not kept waiting for them longer than this after the marking was read.
	 */
	private static final Duration MIXED_WAIT = Duration.ofSeconds(2);

	/**
	 * The start, the marking, the mixed collections, then the stream's delivery, about a second after each flush:
	 * within the ten seconds a scraper waits for an answer by default, with time left to write it.
	 */
	private static final Duration COUNT_TIMEOUT = Duration.ofSeconds(7);

	private final ContinuousRecording recording;

	private final G1MarkingRequest request;

	private final AllocationLog allocations;

	private Census last;

	private Instant nextAllowed = Instant.MIN;

	private boolean tooCostly;

	MarkingCensus(ContinuousRecording recording, G1MarkingRequest request, AllocationLog allocations) {
		this.recording = recording;
		this.request = request;
		this.allocations = allocations;
	}

	/**
	 * Returns a census for this JVM, where its collector can be asked for a marking.
	 * @param recording the always-on stream the counts are read from
	 * @param allocations the log the sampler keeps allocations in while it is open, to leave the young generation
	 * out of a count
	 * @return the census, or empty where the JVM is not G1 or does not let a marking be asked for
	 */
	static Optional<MarkingCensus> ofThisJvm(ContinuousRecording recording, AllocationLog allocations) {
		return G1MarkingRequest.ofThisJvm().map((request) -> new MarkingCensus(recording, request, allocations));
	}

	/**
	 * Returns the census of a marking that this call asked for, or the last one where it is recent.
	 * @return the census, or empty where none completed in time or the budget allows none
	 * @throws InterruptedException if interrupted while waiting for the marking
	 */
	synchronized Optional<Census> take() throws InterruptedException {
		if (this.tooCostly) {
			return Optional.empty();
		}
		Instant asked = Instant.now();
		if (this.last != null && asked.isBefore(this.nextAllowed)) {
			return Optional.of(this.last);
		}
		Census census = count(asked);
		if (census == null) {
			this.nextAllowed = Instant.now().plus(RETRY_AFTER_TIMEOUT);
			return Optional.empty();
		}
		Duration wait = census.pauses().multipliedBy(PAUSE_SHARE);
		this.nextAllowed = Instant.now().plus((wait.compareTo(MIN_INTERVAL) > 0) ? wait : MIN_INTERVAL);
		this.tooCostly = census.pauses().compareTo(PAUSE_LIMIT) > 0;
		this.last = census;
		return Optional.of(census);
	}

	private Census count(Instant asked) throws InterruptedException {
		Counts counts = new Counts(asked, this.allocations);
		this.allocations.open();
		try (ContinuousRecording.Subscription subscription = this.recording
			.subscribe(Set.of(OBJECT_COUNT, COLLECTION, HEAP_SUMMARY, YOUNG_COLLECTION), null, counts::add)) {
			subscription.onFlush(counts::completeIfCounted);
			this.request.start(START_TIMEOUT);
			try {
				long left = Duration.between(Instant.now(), asked.plus(COUNT_TIMEOUT)).toMillis();
				return counts.result.get(Math.max(left, 0), TimeUnit.MILLISECONDS);
			}
			catch (TimeoutException ex) {
				// The mixed collections may still run: the heap as low as they have read it so far.
				return counts.completeNow();
			}
		}
		catch (ExecutionException | IllegalStateException ex) {
			return null;
		}
		finally {
			this.allocations.close();
		}
	}

	/**
	 * The live objects of the larger types as a marking counted them.
	 *
	 * @param counted the types that held at least 0.5% of the heap, exact, counted in the remark pause, less what the
	 * young generation held of them then
	 * @param uncounted the rest of the heap in use after the marking and the mixed collections that followed it: the
	 * smaller types, and what garbage G1 leaves by design
	 * @param countedAt when the count ran; objects allocated after it are not in it
	 * @param asked when the census asked for the marking
	 * @param youngFrom when the young generation the count saw began: the end of the last young collection before
	 * the count, or {@code asked} where none came after it (a cycle of G1's own), from which on the young
	 * generation's objects were left out
	 * @param pauses the marking's pauses
	 */
	record Census(ClassHistogram counted, long uncounted, Instant countedAt, Instant asked, Instant youngFrom,
			Duration pauses) {

		/**
		 * Bounds the types this census left out by what an exact count found of them: the heap after the mixed
		 * collections still holds the garbage of regions that G1 leaves mostly alive, which went to these types
		 * (the rest read 79 MiB of a leaking service whose smaller types held 10).
		 * @param exact the last count of every type, after a full collection
		 * @return the census with its uncounted bytes at most what those types held then
		 */
		Census boundedBy(ClassHistogram exact) {
			long before = exact.bytesExcept(this.counted.byType().keySet());
			return new Census(this.counted, Math.min(this.uncounted, before), this.countedAt, this.asked,
					this.youngFrom, this.pauses);
		}

	}

	/**
	 * Collects one marking's events from the stream, on the stream's thread, and the heap in use after the mixed
	 * collections that follow it: at the remark pause the heap still holds the garbage of old regions that only those
	 * free (there 1.8x the live heap of a service whose bounded cache replaces its oldest entries), after them at most
	 * what G1 leaves by design ({@code G1HeapWastePercent}, regions mostly alive).
	 */
	private static final class Counts {

		private final Instant asked;

		private final AllocationLog allocations;

		private final Map<Long, Map<String, long[]>> byCollection = new HashMap<>();

		private final Map<Long, Instant> countedAt = new HashMap<>();

		private final Map<Long, Long> heapAfter = new HashMap<>();

		private final Map<Long, Young> young = new TreeMap<>();

		private final Map<Long, Ended> ended = new HashMap<>();

		private final CompletableFuture<Census> result = new CompletableFuture<>();

		private long census = -1;

		private Instant censusEndSeen;

		Counts(Instant asked, AllocationLog allocations) {
			this.asked = asked;
			this.allocations = allocations;
		}

		synchronized void add(RecordedEvent event) {
			long collection = event.getLong("gcId");
			switch (event.getEventType().getName()) {
				case OBJECT_COUNT -> {
					RecordedClass type = event.getClass("objectClass");
					if (type != null && !event.getStartTime().isBefore(this.asked)) {
						long[] counts = this.byCollection.computeIfAbsent(collection, (id) -> new HashMap<>())
							.computeIfAbsent(JavaTypes.javaName(type.getName()), (name) -> new long[2]);
						counts[0] += event.getLong("count");
						counts[1] += event.getLong("totalSize");
						this.countedAt.putIfAbsent(collection, event.getStartTime());
					}
				}
				case HEAP_SUMMARY -> {
					if ("After GC".equals(event.getString("when"))) {
						this.heapAfter.put(collection, event.getLong("heapUsed"));
					}
				}
				case COLLECTION -> this.ended.put(collection,
						new Ended(event.getEndTime(), event.getDuration("sumOfPauses")));
				case YOUNG_COLLECTION -> this.young.put(collection,
						new Young(event.getStartTime(), event.getString("type")));
				default -> {
				}
			}
		}

		/** At a flush's end, when every event of the collections that ended has been read. */
		synchronized void completeIfCounted() {
			if (this.census < 0) {
				this.byCollection.keySet()
					.stream()
					.filter(this.ended::containsKey)
					.findFirst()
					.ifPresent((collection) -> {
						this.census = collection;
						this.censusEndSeen = Instant.now();
					});
			}
			if (this.census >= 0) {
				Long after = heapAfterMixedCollections(false);
				if (after != null) {
					complete(after);
				}
			}
		}

		/**
		 * Returns the lowest heap in use after the marking's remark pause and the mixed collections that followed,
		 * once they are over (a young collection that is not a mixed one came), where none came within
		 * {@link #MIXED_WAIT}, or {@code now}; null while they may still come.
		 */
		private Long heapAfterMixedCollections(boolean now) {
			long lowest = this.heapAfter.getOrDefault(this.census, Long.MAX_VALUE);
			boolean any = false;
			Instant cycleEnd = this.ended.get(this.census).at();
			for (Map.Entry<Long, Young> collection : this.young.entrySet()) {
				if (collection.getKey() < this.census || !collection.getValue().start().isAfter(cycleEnd)) {
					continue;
				}
				any = true;
				if (!collection.getValue().mixed()) {
					// The mixed collections are over, or G1 found too little garbage to make any.
					return lowest;
				}
				lowest = Math.min(lowest, this.heapAfter.getOrDefault(collection.getKey(), lowest));
			}
			return (now || (!any && Instant.now().isAfter(this.censusEndSeen.plus(MIXED_WAIT)))) ? lowest : null;
		}

		/**
		 * Completes with the heap as low as the mixed collections read it so far, where the marking has ended.
		 * @return the census, or null where the marking has not ended
		 */
		synchronized Census completeNow() {
			completeIfCounted();
			if (this.census >= 0 && !this.result.isDone()) {
				complete(heapAfterMixedCollections(true));
			}
			return this.result.getNow(null);
		}

		private void complete(long heapAfterMixed) {
			Instant at = this.countedAt.get(this.census);
			Instant youngFrom = youngGenerationFrom(at);
			Map<String, double[]> young = this.allocations.between(EpochNanos.of(youngFrom), EpochNanos.of(at));
			// Samples allocated since the young generation began stand for its objects, which are left out too.
			ClassHistogram counted = ClassHistogram.of(less(this.byCollection.get(this.census), young),
					EpochNanos.of(youngFrom));
			long after = (heapAfterMixed != Long.MAX_VALUE) ? heapAfterMixed : counted.totalBytes();
			this.result.complete(new Census(counted, Math.max(after - counted.totalBytes(), 0), at, this.asked,
					youngFrom, this.ended.get(this.census).pauses()));
		}

		/**
		 * Returns when the young generation that the count saw began: the end of the last young collection before
		 * it, the one that started the marking where this census asked for it.
		 */
		private Instant youngGenerationFrom(Instant count) {
			Instant from = this.asked;
			for (Long collection : this.young.keySet()) {
				Ended end = this.ended.get(collection);
				if (end != null && end.at().isBefore(count) && end.at().isAfter(from)) {
					from = end.at();
				}
			}
			return from;
		}

		private static Map<String, long[]> less(Map<String, long[]> counted, Map<String, double[]> young) {
			Map<String, long[]> old = new HashMap<>();
			counted.forEach((type, counts) -> {
				double[] allocated = young.get(type);
				long bytes = (allocated != null) ? Math.max(0, counts[1] - Math.round(allocated[1])) : counts[1];
				long instances = (counts[1] > 0) ? Math.round((double) counts[0] * bytes / counts[1]) : counts[0];
				old.put(type, new long[] { instances, bytes });
			});
			return old;
		}

		/** A young collection: when it started, and G1's type for it. */
		private record Young(Instant start, String type) {

			boolean mixed() {
				return this.type.equals("Prepare Mixed") || this.type.equals("Mixed");
			}

		}

		/** A collection's end (young, mixed or the concurrent cycle), and its pauses. */
		private record Ended(Instant at, Duration pauses) {
		}

	}

}
