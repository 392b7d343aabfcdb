package dev.jvmpprof.lock;

import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Sorts recorded waits into Go's two lock profiles: {@code mutex} is contended lock acquisition (monitors and
 * {@code java.util.concurrent} locks), {@code block} is every wait on synchronization (also parking in queues,
 * latches and futures, and {@code Object.wait}).
 */
final class LockWaits {

	static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";

	static final String THREAD_PARK = "jdk.ThreadPark";

	static final String MONITOR_WAIT = "jdk.JavaMonitorWait";

	static final Set<String> EVENTS = Set.of(MONITOR_ENTER, THREAD_PARK, MONITOR_WAIT);

	private LockWaits() {
	}

	static boolean isMutexContention(RecordedEvent event) {
		String type = event.getEventType().getName();
		if (MONITOR_ENTER.equals(type)) {
			return true;
		}
		if (THREAD_PARK.equals(type)) {
			RecordedClass parkedClass = event.getClass("parkedClass");
			return parkedClass != null && isLockSynchronizer(parkedClass.getName().replace('/', '.'));
		}
		return false;
	}

	/**
	 * Returns whether a park blocker is the synchronizer of a lock: {@code ReentrantLock$NonfairSync} is,
	 * {@code CountDownLatch$Sync} is not. The blocker is a nested class of the lock it serves.
	 * @param className the blocker's class name
	 * @return whether waiting on it is waiting for a lock
	 */
	static boolean isLockSynchronizer(String className) {
		int nested = className.indexOf('$');
		String owner = (nested > 0) ? className.substring(0, nested) : className;
		if (owner.startsWith("java.util.concurrent.locks.")) {
			return !owner.endsWith("AbstractQueuedSynchronizer") && !owner.endsWith("AbstractQueuedLongSynchronizer")
					&& !owner.endsWith("LockSupport");
		}
		try {
			Class<?> type = Class.forName(owner, false, Thread.currentThread().getContextClassLoader());
			return Lock.class.isAssignableFrom(type) || ReadWriteLock.class.isAssignableFrom(type);
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
