package dev.jvmpprof.asyncjfr;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import one.jfr.Dictionary;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.Label;

/**
 * The threads that samples name, each with the labels the profile gives its samples ({@code thread}, and
 * {@code state} where asked, as {@code ThreadLabels} makes them on the JDK's path: the Java name, or the OS name for
 * a thread the JVM does not know) and the lookup of the labels it carried. A thread is looked up once per chunk,
 * not once per sample; label lists are one instance per distinct value for the whole encoding, so that samples can
 * be merged by the identity of their labels.
 */
final class SampledThreads {

	static final long NO_STATE = -1;

	private static final String STATE_PREFIX = "STATE_";

	private static final String THREAD_STATE = "jdk.types.ThreadState";

	private final LabelCapture.Lookup carried;

	private final Map<ThreadAndState, List<Label>> distinct = new HashMap<>();

	private final Dictionary<SampledThread> threads = new Dictionary<>();

	private final Dictionary<String> states = new Dictionary<>();

	private ChunkConstants constants;

	/**
	 * Creates the threads of one encoding.
	 * @param carried the lookup of the labels threads carried, or {@code null} for none
	 */
	SampledThreads(LabelCapture.Lookup carried) {
		this.carried = carried;
	}

	/**
	 * Starts a chunk, whose thread ids and states may mean other threads.
	 * @param constants the chunk's constants
	 */
	void chunkStarted(ChunkConstants constants) {
		this.constants = constants;
		this.threads.clear();
		this.states.clear();
	}

	/**
	 * Returns a thread of the chunk.
	 * @param threadId the thread as events refer to it
	 * @return the thread
	 */
	SampledThread thread(long threadId) {
		SampledThread thread = this.threads.get(threadId);
		if (thread == null) {
			long javaThreadId = this.constants.javaThreadId(threadId);
			// As on the JDK's path, a sample of a thread the chunk does not hold carries no thread's labels.
			thread = new SampledThread(this.constants.threadName(threadId), (this.carried != null
					&& javaThreadId != ChunkConstants.NO_THREAD) ? this.carried.thread(javaThreadId) : null);
			this.threads.put(threadId, thread);
		}
		return thread;
	}

	private String state(long state) {
		String name = this.states.get(state);
		if (name == null) {
			name = this.constants.enumName(THREAD_STATE, state);
			if (name == null) {
				return null;
			}
			name = name.startsWith(STATE_PREFIX) ? name.substring(STATE_PREFIX.length()) : name;
			this.states.put(state, name);
		}
		return name;
	}

	private List<Label> distinct(String thread, String state) {
		return this.distinct.computeIfAbsent(new ThreadAndState(thread, state), (key) -> {
			List<Label> labels = new ArrayList<>(2);
			if (thread != null) {
				labels.add(Label.of("thread", thread));
			}
			if (state != null) {
				labels.add(Label.of("state", state));
			}
			return List.copyOf(labels);
		});
	}

	private record ThreadAndState(String thread, String state) {
	}

	/** One thread of a chunk. */
	final class SampledThread {

		private final String name;

		private final LabelCapture.ThreadLookup carried;

		// async-profiler has three states; a sample's state indexes its labels here.
		@SuppressWarnings("unchecked")
		private final List<Label>[] byState = new List[4];

		private List<Label> withoutState;

		SampledThread(String name, LabelCapture.ThreadLookup carried) {
			this.name = name;
			this.carried = carried;
		}

		/**
		 * Returns the labels the profile gives a sample of this thread.
		 * @param state the state as events refer to it, or {@link #NO_STATE}
		 * @return the labels, one instance per distinct value
		 */
		List<Label> labels(long state) {
			if (state == NO_STATE) {
				if (this.withoutState == null) {
					this.withoutState = distinct(this.name, null);
				}
				return this.withoutState;
			}
			if (state < 0 || state >= this.byState.length) {
				return distinct(this.name, state(state));
			}
			List<Label> labels = this.byState[(int) state];
			if (labels == null) {
				labels = distinct(this.name, state(state));
				this.byState[(int) state] = labels;
			}
			return labels;
		}

		/**
		 * Returns the labels this thread carried at a time.
		 * @param epochNanos when
		 * @return the labels, one instance per distinct value; empty where there is no capture
		 */
		List<Label> carriedAt(long epochNanos) {
			return (this.carried != null) ? this.carried.at(epochNanos) : List.of();
		}

	}

}
