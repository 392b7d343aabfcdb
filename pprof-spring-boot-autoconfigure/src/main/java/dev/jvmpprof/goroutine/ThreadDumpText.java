package dev.jvmpprof.goroutine;

import java.util.List;

import dev.jvmpprof.goroutine.ThreadRecord.Blocker;
import dev.jvmpprof.goroutine.ThreadRecord.Lock;

/**
 * Writes every thread in the familiar {@code jstack -l} form, Go's {@code goroutine?debug=2}: name, id, daemon,
 * priority, state, the whole stack with the locks each frame holds or waits for, and the ownable synchronizers held.
 *
 * <p>Where {@code jstack} prints object addresses, this prints identity hash codes, which the JVM can give without
 * a safepoint-bound address and which tell two locks apart just as well.
 */
final class ThreadDumpText {

	private ThreadDumpText() {
	}

	/**
	 * Formats a dump.
	 * @param threads the threads
	 * @return the text
	 */
	static String format(List<ThreadRecord> threads) {
		StringBuilder text = new StringBuilder(threads.size() * 1024);
		text.append("Full thread dump ").append(System.getProperty("java.vm.name", "Java")).append(" (")
			.append(System.getProperty("java.vm.version", "?")).append("), ").append(threads.size())
			.append(" threads:\n\n");
		for (ThreadRecord thread : threads) {
			appendThread(text, thread);
		}
		return text.toString();
	}

	private static void appendThread(StringBuilder text, ThreadRecord thread) {
		text.append('"').append(thread.name()).append("\" #").append(thread.id());
		if (thread.virtual()) {
			text.append(" virtual");
		}
		else {
			text.append(thread.daemon() ? " daemon" : "").append(" prio=").append(thread.priority());
		}
		text.append('\n');
		text.append("   java.lang.Thread.State: ").append(thread.state()).append(detail(thread)).append('\n');
		List<StackTraceElement> stack = thread.stack();
		for (int depth = 0; depth < stack.size(); depth++) {
			text.append("\tat ").append(frame(stack.get(depth))).append('\n');
			if (depth == 0 && thread.blocker() != null) {
				appendBlocker(text, thread.blocker());
			}
			for (Lock lock : thread.lockedMonitors().getOrDefault(depth, List.of())) {
				text.append("\t- locked ").append(lock).append('\n');
			}
		}
		if (stack.isEmpty() && thread.blocker() != null) {
			appendBlocker(text, thread.blocker());
		}
		if (!thread.virtual()) {
			text.append("\n   Locked ownable synchronizers:\n");
			if (thread.lockedSynchronizers().isEmpty()) {
				text.append("\t- None\n");
			}
			for (Lock lock : thread.lockedSynchronizers()) {
				text.append("\t- ").append(lock).append('\n');
			}
		}
		text.append('\n');
	}

	private static void appendBlocker(StringBuilder text, Blocker blocker) {
		text.append("\t- ").append(blocker.kind().words()).append(' ').append(blocker.lock());
		if (blocker.ownerName() != null) {
			text.append(" owned by \"").append(blocker.ownerName()).append("\" #").append(blocker.ownerId());
		}
		text.append('\n');
	}

	/** The reason jstack gives after the state, read from the top of the stack. */
	private static String detail(ThreadRecord thread) {
		List<StackTraceElement> stack = thread.stack();
		if (thread.state() == Thread.State.BLOCKED || (isWaiting(thread) && PlatformThreads.inObjectWait(stack))) {
			return " (on object monitor)";
		}
		if (isWaiting(thread) && sleeping(stack)) {
			return " (sleeping)";
		}
		if (isWaiting(thread) && parked(stack)) {
			return " (parking)";
		}
		return "";
	}

	private static boolean isWaiting(ThreadRecord thread) {
		return thread.state() == Thread.State.WAITING || thread.state() == Thread.State.TIMED_WAITING;
	}

	private static boolean sleeping(List<StackTraceElement> stack) {
		return stack.stream().limit(4).anyMatch((frame) -> "java.lang.Thread".equals(frame.getClassName())
				&& frame.getMethodName().startsWith("sleep"));
	}

	private static boolean parked(List<StackTraceElement> stack) {
		return stack.stream().limit(3).anyMatch((frame) -> frame.getMethodName().startsWith("park"));
	}

	/** A frame as jstack writes it: {@code java.lang.Thread.sleep(java.base@17.0.15/Native Method)}. */
	static String frame(StackTraceElement frame) {
		StringBuilder text = new StringBuilder(96);
		text.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
		if (frame.getModuleName() != null) {
			text.append(frame.getModuleName());
			if (frame.getModuleVersion() != null) {
				text.append('@').append(frame.getModuleVersion());
			}
			text.append('/');
		}
		if (frame.isNativeMethod()) {
			text.append("Native Method");
		}
		else if (frame.getFileName() == null) {
			text.append("Unknown Source");
		}
		else {
			text.append(frame.getFileName());
			if (frame.getLineNumber() >= 0) {
				text.append(':').append(frame.getLineNumber());
			}
		}
		return text.append(')').toString();
	}

}
