package dev.jvmpprof.goroutine;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.goroutine.ThreadRecord.Blocker;
import dev.jvmpprof.goroutine.ThreadRecord.Lock;

/**
 * Dumps every live platform thread with its whole stack and its locks, through {@link ThreadMXBean}.
 */
final class PlatformThreads {

	private PlatformThreads() {
	}

	/**
	 * Dumps the platform threads.
	 * @param locks whether to find the monitors and synchronizers each thread holds: only the full dump prints them,
	 * and finding them is most of a dump's cost
	 * @return one record per live platform thread
	 */
	static List<ThreadRecord> dump(boolean locks) {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		boolean monitors = locks && threads.isObjectMonitorUsageSupported();
		boolean synchronizers = locks && threads.isSynchronizerUsageSupported();
		// Unlike ThreadInfo.toString, which stops at 8 frames, the dump holds the whole stack.
		ThreadInfo[] infos = threads.dumpAllThreads(monitors, synchronizers);
		List<ThreadRecord> records = new ArrayList<>(infos.length);
		for (ThreadInfo info : infos) {
			if (info != null) {
				records.add(record(info));
			}
		}
		return records;
	}

	static ThreadRecord record(ThreadInfo info) {
		List<StackTraceElement> stack = Arrays.asList(info.getStackTrace());
		Map<Integer, List<Lock>> locked = new HashMap<>();
		for (MonitorInfo monitor : info.getLockedMonitors()) {
			locked.computeIfAbsent(monitor.getLockedStackDepth(), (depth) -> new ArrayList<>()).add(lock(monitor));
		}
		List<Lock> synchronizers = Arrays.stream(info.getLockedSynchronizers()).map(PlatformThreads::lock).toList();
		return new ThreadRecord(info.getThreadId(), info.getThreadName(), false, info.isDaemon(), info.getPriority(),
				info.getThreadState(), stack, blocker(info, stack), locked, synchronizers);
	}

	private static Blocker blocker(ThreadInfo info, List<StackTraceElement> stack) {
		LockInfo lock = info.getLockInfo();
		if (lock == null) {
			return null;
		}
		Blocker.Kind kind = (info.getThreadState() == Thread.State.BLOCKED) ? Blocker.Kind.WAITING_TO_LOCK
				: inObjectWait(stack) ? Blocker.Kind.WAITING_ON : Blocker.Kind.PARKING;
		return new Blocker(kind, lock(lock), info.getLockOwnerName(), info.getLockOwnerId());
	}

	static boolean inObjectWait(List<StackTraceElement> stack) {
		// Object.wait is native on 17 and calls the native wait0 on 21 and later: look at the first two frames.
		for (int i = 0; i < Math.min(2, stack.size()); i++) {
			StackTraceElement frame = stack.get(i);
			if ("java.lang.Object".equals(frame.getClassName()) && frame.getMethodName().startsWith("wait")) {
				return true;
			}
		}
		return false;
	}

	private static Lock lock(LockInfo lock) {
		return new Lock(lock.getClassName(), lock.getIdentityHashCode());
	}

}
