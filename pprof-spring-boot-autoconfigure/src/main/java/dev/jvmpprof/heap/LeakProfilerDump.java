package dev.jvmpprof.heap;

import java.util.List;

/**
 * What one dump of the leak profiler held: the samples of objects allocated since sampling started, and how full the
 * JVM's queue of samples was.
 *
 * <p>Why the queue's fill matters: HotSpot keeps a sample by the bytes allocated around it (its span), and gives a
 * dead sample's span to its neighbour. Once the queue holds only samples of objects that live long, a new sample
 * must outspan the smallest of them, and new long-lived objects get in mostly when a sampled one dies: a leak that
 * starts late then shows as its type's growth ({@code [live objects not sampled]}), not at its site. After a minute
 * of keeping 4 KiB arrays, a 10 MiB leak got 1 live sample with the default queue of 256 (255 samples alive) and 23
 * with 2048 (505 alive; {@code FlightRecorderProbe old-queue 60}, BENCHMARKS.md). Only the command line sets the
 * queue's size, so a full queue is said in the answer, with the option that makes it larger.
 *
 * @param objects the samples of objects allocated since sampling started
 * @param queued the samples the queue held, this application's and any other recording's
 * @param queueSize the queue's size
 */
record LeakProfilerDump(List<LiveObject> objects, int queued, int queueSize) {

	/** The queue size to suggest, at least: the one measured to keep sampling new objects in an aged JVM. */
	static final int SUGGESTED_QUEUE_SIZE = 2048;

	/**
	 * Whether the queue is full: at most a tenth of it, or two samples, not alive at the dump. New long-lived objects
	 * get in only through the slots the others leave, which garbage's samples take in turns between collections:
	 * after a full collection, in JVMs that had kept objects while making garbage, a queue of 64 held 61 to 63 samples
	 * alive ({@code LeakProfilerQueueIntegrationTests}), one of 256 held 255.
	 * @return whether new objects are seldom sampled
	 */
	boolean isFull() {
		return this.queueSize - this.queued <= Math.max(2, this.queueSize / 10);
	}

	/**
	 * Returns the words an answer's comment adds where the queue is full, or an empty string.
	 * @return the words, beginning with "; "
	 */
	String fullQueueNote() {
		if (!isFull()) {
			return "";
		}
		int larger = Math.max(SUGGESTED_QUEUE_SIZE, 4 * this.queueSize);
		return "; the leak profiler's queue is full (" + this.queued + " of " + this.queueSize + " samples alive): "
				+ "objects allocated from now on seldom get a sample, so a type's growth may show as "
				+ "[live objects not sampled] rather than at its sites; -XX:FlightRecorderOptions:old-object-queue-size="
				+ larger + " on the command line makes it larger";
	}

}
