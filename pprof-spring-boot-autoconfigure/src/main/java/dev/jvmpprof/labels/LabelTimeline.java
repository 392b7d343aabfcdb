package dev.jvmpprof.labels;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Which labels each thread carried, and when: what lets profiles read from a recording after their window say which
 * request or job each sample worked for, as Go's goroutine labels do.
 *
 * <p>A thread says what it works on with {@link #enter} and {@link #exit}, at any time: that costs a thread-local
 * write and one volatile read, profile or not. Only while a {@link LabelCapture} is open are the changes kept, as
 * intervals per thread, for the encoder to look up by thread id and sample time. Threads are known from the first
 * time they enter something, so a capture starts with what every thread carries at that moment: a request or a job
 * that began before the profile is labelled too.
 *
 * <p>Kept intervals are bounded: those that ended before the oldest open capture started are dropped as captures
 * close, all of them when the last one closes, and at most {@code maxIntervals} are kept at a time (later changes
 * go unrecorded, and their samples unlabelled, until room is made).
 */
public final class LabelTimeline {

	/**
	 * About 24 bytes each: enough for 30 s of 30,000 requests a second, and at most some 24 MB while a profile runs.
	 */
	static final int DEFAULT_MAX_INTERVALS = 1_000_000;

	private static final LabelTimeline SHARED = new LabelTimeline(DEFAULT_MAX_INTERVALS);

	private static final int PRUNE_EVERY_REGISTRATIONS = 1024;

	private final ThreadLocal<ThreadState> threads = ThreadLocal.withInitial(this::register);

	// Weak, so that a thread's state goes with the thread; pruned of dead threads as it is walked.
	private final Queue<WeakReference<ThreadState>> registry = new ConcurrentLinkedQueue<>();

	private final AtomicInteger registrations = new AtomicInteger();

	private final List<LabelCapture> captures = new ArrayList<>();

	private final int maxIntervals;

	private volatile Recording recording;

	/**
	 * Creates a timeline of its own; the application's is {@link #shared()}.
	 * @param maxIntervals how many intervals to keep at most while captures are open
	 */
	public LabelTimeline(int maxIntervals) {
		this.maxIntervals = maxIntervals;
	}

	/**
	 * Returns the timeline that {@link PprofLabels}, request labels and the profiles share.
	 * @return the application's timeline
	 */
	public static LabelTimeline shared() {
		return SHARED;
	}

	/**
	 * Labels the current thread with {@code owner}'s labels, nested in what it already carries, until
	 * {@link #exit exit(owner)}.
	 * @param owner what the thread works on; its identity pairs this call with {@link #exit}
	 * @param source gives {@code owner}'s labels when a profile is encoded
	 */
	public void enter(Object owner, LabelSource source) {
		ThreadState state = this.threads.get();
		change(state, new LabelScope(state.current, owner, source));
	}

	/**
	 * Takes the current thread back to what it carried before it entered {@code owner}; nothing if it did not.
	 * @param owner what was entered
	 * @return whether the thread had entered it
	 */
	public boolean exit(Object owner) {
		ThreadState state = this.threads.get();
		for (LabelScope scope = state.current; scope != null; scope = scope.outer) {
			if (scope.owner == owner) {
				change(state, scope.outer);
				return true;
			}
		}
		return false;
	}

	/**
	 * Takes every label off the current thread.
	 */
	public void clear() {
		ThreadState state = this.threads.get();
		if (state.current != null) {
			change(state, null);
		}
	}

	/**
	 * Returns the labels the current thread carries.
	 * @return the labels, sorted by key
	 */
	public Map<String, String> current() {
		LabelScope scope = this.threads.get().current;
		return (scope != null) ? scope.resolve() : Map.of();
	}

	/**
	 * Returns whether a capture is open, that is whether label changes are being kept.
	 * @return whether a labelled profile runs
	 */
	public boolean isRecording() {
		return this.recording != null;
	}

	/**
	 * Starts keeping label changes until the capture is closed. Open it before the profile's window, and close it
	 * once the window's samples are encoded.
	 * @return the open capture
	 */
	public synchronized LabelCapture capture() {
		long start = System.nanoTime();
		Recording current = this.recording;
		if (current == null) {
			current = new Recording(this.maxIntervals);
			this.recording = current;
			// Published before reading what threads carry: a thread that changes now either sees the recording
			// and records its change, or changed before and is read here.
			for (Iterator<WeakReference<ThreadState>> it = this.registry.iterator(); it.hasNext();) {
				ThreadState state = it.next().get();
				if (state == null) {
					it.remove();
				}
				else if (state.current != null) {
					current.intervals(state.threadId).begin(start, state.current, current);
				}
			}
		}
		LabelCapture capture = new LabelCapture(this, current, start);
		this.captures.add(capture);
		return capture;
	}

	synchronized void release(LabelCapture capture) {
		if (!this.captures.remove(capture)) {
			return;
		}
		if (this.captures.isEmpty()) {
			this.recording = null;
			return;
		}
		long oldest = Long.MAX_VALUE;
		for (LabelCapture open : this.captures) {
			oldest = Math.min(oldest, open.start());
		}
		this.recording.dropEndedBefore(oldest);
	}

	/**
	 * Returns how many intervals are kept now, for tests of the bounds.
	 * @return the number of intervals kept
	 */
	int keptIntervals() {
		Recording current = this.recording;
		return (current != null) ? current.kept() : 0;
	}

	private void change(ThreadState state, LabelScope scope) {
		state.current = scope;
		Recording current = this.recording;
		if (current != null) {
			// Looked up each time rather than cached on the thread: a cache would keep a finished recording's
			// intervals alive until its thread next changes labels.
			current.intervals(state.threadId).change(System.nanoTime(), scope, current);
		}
	}

	private ThreadState register() {
		ThreadState state = new ThreadState(Thread.currentThread().getId());
		this.registry.add(new WeakReference<>(state));
		if (this.registrations.incrementAndGet() % PRUNE_EVERY_REGISTRATIONS == 0) {
			this.registry.removeIf((reference) -> reference.get() == null);
		}
		return state;
	}

	/** One thread's current scope. */
	private static final class ThreadState {

		private final long threadId;

		private volatile LabelScope current;

		ThreadState(long threadId) {
			this.threadId = threadId;
		}

	}

	/** The intervals kept while at least one capture is open. */
	static final class Recording implements ThreadIntervals.Budget {

		private final Map<Long, ThreadIntervals> threads = new ConcurrentHashMap<>();

		private final AtomicInteger kept = new AtomicInteger();

		private final AtomicLong dropped = new AtomicLong();

		private final int maxIntervals;

		Recording(int maxIntervals) {
			this.maxIntervals = maxIntervals;
		}

		ThreadIntervals intervals(long threadId) {
			return this.threads.computeIfAbsent(threadId, (id) -> new ThreadIntervals());
		}

		ThreadIntervals.Snapshot snapshot(long threadId) {
			ThreadIntervals intervals = this.threads.get(threadId);
			return (intervals != null) ? intervals.snapshot() : null;
		}

		@Override
		public boolean take() {
			if (this.kept.incrementAndGet() <= this.maxIntervals) {
				return true;
			}
			this.kept.decrementAndGet();
			this.dropped.incrementAndGet();
			return false;
		}

		void dropEndedBefore(long time) {
			for (ThreadIntervals intervals : this.threads.values()) {
				this.kept.addAndGet(-intervals.dropEndedBefore(time));
			}
		}

		int kept() {
			return this.kept.get();
		}

		long dropped() {
			return this.dropped.get();
		}

	}

}
