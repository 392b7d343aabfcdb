package dev.jvmpprof.lock;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReadWriteLock;

import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;

/**
 * Sorts recorded waits into Go's two lock profiles: {@code mutex} is contended lock acquisition (monitors and
 * {@code java.util.concurrent} locks), {@code block} is every wait on synchronization (also parking in queues,
 * latches and futures, and {@code Object.wait}) but, unless asked, a thread's wait for work to arrive.
 */
final class LockWaits {

	static final String MONITOR_ENTER = "jdk.JavaMonitorEnter";

	static final String THREAD_PARK = "jdk.ThreadPark";

	static final String MONITOR_WAIT = "jdk.JavaMonitorWait";

	static final Set<String> EVENTS = Set.of(MONITOR_ENTER, THREAD_PARK, MONITOR_WAIT);

	/**
	 * The methods in which a thread waits for work to arrive rather than for something it needs: pool workers
	 * between tasks, the JDK's reference handlers (the Cleaner's thread), timers. Go's block profile has no such
	 * waits: its idle goroutines wait in the network poller, which it leaves out.
	 */
	private static final Map<String, Set<String>> IDLE_METHODS = Map.of(
			"java.util.concurrent.ThreadPoolExecutor", Set.of("getTask"),
			"org.apache.tomcat.util.threads.ThreadPoolExecutor", Set.of("getTask"),
			"java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", Set.of("take", "poll"),
			"java.util.concurrent.ForkJoinPool", Set.of("awaitWork"),
			"java.lang.ref.ReferenceQueue", Set.of("remove"),
			"java.util.TimerThread", Set.of("mainLoop"));

	/** How deep below the wait an idle method is looked for: a pool worker's is five or six frames down. */
	private static final int IDLE_DEPTH = 16;

	private LockWaits() {
	}

	/**
	 * Returns whether a wait is a thread waiting for work: parked or waiting, within a few frames, in a pool's or
	 * a timer's wait for its next task, or a reference handler's wait for the next reference.
	 * @param event a monitor enter, park or monitor wait
	 * @return whether the thread was idle
	 */
	static boolean isIdle(RecordedEvent event) {
		if (MONITOR_ENTER.equals(event.getEventType().getName()) || event.getStackTrace() == null) {
			return false;
		}
		List<RecordedFrame> frames = event.getStackTrace().getFrames();
		for (int i = 0; i < Math.min(frames.size(), IDLE_DEPTH); i++) {
			RecordedMethod method = frames.get(i).getMethod();
			RecordedClass type = (method != null) ? method.getType() : null;
			if (type != null && isIdleMethod(type.getName(), method.getName())) {
				return true;
			}
		}
		return false;
	}

	static boolean isIdleMethod(String className, String methodName) {
		Set<String> methods = IDLE_METHODS.get(className.replace('/', '.'));
		return methods != null && methods.contains(methodName);
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
