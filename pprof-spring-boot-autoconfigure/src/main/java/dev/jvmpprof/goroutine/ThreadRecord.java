package dev.jvmpprof.goroutine;

import java.util.List;
import java.util.Map;

/**
 * One thread as a thread dump sees it, platform or virtual: who it is, its state and stack, the lock it waits for
 * and the locks it holds.
 *
 * @param id the thread id
 * @param name the thread name, possibly empty (virtual threads are often unnamed)
 * @param virtual whether it is a virtual thread
 * @param daemon whether it is a daemon thread
 * @param priority its priority
 * @param state its state
 * @param stack its stack, innermost frame first
 * @param blocker what it waits for, or {@code null}
 * @param lockedMonitors the monitors it holds, by the stack depth that locked them
 * @param lockedSynchronizers the ownable synchronizers ({@code ReentrantLock}s and the like) it holds
 */
public record ThreadRecord(long id, String name, boolean virtual, boolean daemon, int priority, Thread.State state,
		List<StackTraceElement> stack, Blocker blocker, Map<Integer, List<Lock>> lockedMonitors,
		List<Lock> lockedSynchronizers) {

	public ThreadRecord {
		stack = List.copyOf(stack);
		lockedMonitors = Map.copyOf(lockedMonitors);
		lockedSynchronizers = List.copyOf(lockedSynchronizers);
	}

	/**
	 * An object used as a lock, named as {@code jstack} names it.
	 *
	 * @param className the class of the object
	 * @param identityHashCode its identity hash code, which tells two locks of one class apart
	 */
	public record Lock(String className, int identityHashCode) {

		/**
		 * Parses {@code Objects.toIdentityString} form, {@code java.lang.Object@1b6d3586}.
		 * @param identity the text
		 * @return the lock
		 */
		static Lock parse(String identity) {
			int at = identity.lastIndexOf('@');
			if (at < 0) {
				return new Lock(identity, 0);
			}
			try {
				return new Lock(identity.substring(0, at), Integer.parseUnsignedInt(identity.substring(at + 1), 16));
			}
			catch (NumberFormatException ex) {
				return new Lock(identity, 0);
			}
		}

		@Override
		public String toString() {
			return String.format("<0x%08x> (a %s)", this.identityHashCode, this.className);
		}

	}

	/**
	 * What a thread waits for: a lock, in one of three ways, and the thread that holds it where known.
	 *
	 * @param kind how it waits
	 * @param lock the lock
	 * @param ownerName the name of the thread that holds the lock, or {@code null}
	 * @param ownerId the id of that thread, or -1
	 */
	public record Blocker(Kind kind, Lock lock, String ownerName, long ownerId) {

		/** How a thread waits, worded as {@code jstack} words it. */
		public enum Kind {

			/** Blocked entering a {@code synchronized} block or method. */
			WAITING_TO_LOCK("waiting to lock"),

			/** In {@code Object.wait}. */
			WAITING_ON("waiting on"),

			/** Parked by {@code LockSupport.park}, as locks, latches, queues and futures wait. */
			PARKING("parking to wait for ");

			private final String words;

			Kind(String words) {
				this.words = words;
			}

			public String words() {
				return this.words;
			}

		}

	}

}
