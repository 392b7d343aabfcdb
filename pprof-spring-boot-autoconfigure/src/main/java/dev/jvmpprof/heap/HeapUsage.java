package dev.jvmpprof.heap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.sun.management.GcInfo;

/**
 * Reads the bytes of heap in use after the most recent garbage collection, as Go's heap profile reports the heap
 * "as of the most recently completed garbage collection".
 */
final class HeapUsage {

	// Looked up once: the sampler reads the heap every second, and each lookup through ManagementFactory builds the
	// beans' names anew. A JVM's collectors and memory pools are fixed at its start.
	private static final List<GarbageCollectorMXBean> COLLECTORS = ManagementFactory.getGarbageCollectorMXBeans();

	private static final List<String> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans()
		.stream()
		.filter((pool) -> pool.getType() == MemoryType.HEAP)
		.map(MemoryPoolMXBean::getName)
		.toList();

	private HeapUsage() {
	}

	/**
	 * Returns the heap in use after the last collection, or the heap in use now where no collection has run yet.
	 * After a young collection this still counts the old generation's garbage; {@code ?gc=1} makes it exact.
	 * @return the bytes
	 */
	static long afterLastGc() {
		return lastCollection().map(Collection::heapAfter)
			.orElseGet(() -> ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
	}

	/**
	 * Returns the most recent collection of any collector.
	 * @return the collection, or empty where none has run yet
	 */
	static Optional<Collection> lastCollection() {
		GcInfo last = null;
		String collector = null;
		for (GarbageCollectorMXBean bean : COLLECTORS) {
			if (bean instanceof com.sun.management.GarbageCollectorMXBean hotSpot) {
				GcInfo info = hotSpot.getLastGcInfo();
				if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
					last = info;
					collector = bean.getName();
				}
			}
		}
		if (last == null) {
			return Optional.empty();
		}
		Instant ended = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime() + last.getEndTime());
		return Optional.of(new Collection(collector, ended, heapUsed(last.getMemoryUsageAfterGc())));
	}

	/**
	 * Adds up the heap pools of a collection's usage by pool.
	 * @param after the usage by pool name, as a {@link GcInfo} reports it
	 * @return the bytes in the heap's pools
	 */
	static long heapUsed(Map<String, MemoryUsage> after) {
		long used = 0;
		for (String pool : HEAP_POOLS) {
			MemoryUsage usage = after.get(pool);
			if (usage != null) {
				used += usage.getUsed();
			}
		}
		return used;
	}

	/**
	 * A collection as its collector reported it.
	 *
	 * @param collector the collector's name, such as {@code G1 Young Generation}
	 * @param ended when it ended
	 * @param heapAfter the bytes of heap in use after it
	 */
	record Collection(String collector, Instant ended, long heapAfter) {
	}

}
