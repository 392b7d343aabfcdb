package dev.jvmpprof.heap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.Map;

import com.sun.management.GcInfo;

/**
 * Reads the bytes of heap in use after the most recent garbage collection, as Go's heap profile reports the heap
 * "as of the most recently completed garbage collection".
 */
final class HeapUsage {

	private HeapUsage() {
	}

	/**
	 * Returns the heap in use after the last collection, or the heap in use now where no collection has run yet.
	 * After a young collection this still counts the old generation's garbage; {@code ?gc=1} makes it exact.
	 * @return the bytes
	 */
	static long afterLastGc() {
		GcInfo last = null;
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof com.sun.management.GarbageCollectorMXBean hotSpot) {
				GcInfo info = hotSpot.getLastGcInfo();
				if (info != null && (last == null || info.getEndTime() > last.getEndTime())) {
					last = info;
				}
			}
		}
		if (last == null) {
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}
		return heapUsed(last.getMemoryUsageAfterGc());
	}

	/**
	 * Adds up the heap pools of a collection's usage by pool.
	 * @param after the usage by pool name, as a {@link GcInfo} reports it
	 * @return the bytes in the heap's pools
	 */
	static long heapUsed(Map<String, MemoryUsage> after) {
		long used = 0;
		for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
			MemoryUsage usage = after.get(pool.getName());
			if (pool.getType() == MemoryType.HEAP && usage != null) {
				used += usage.getUsed();
			}
		}
		return used;
	}

}
