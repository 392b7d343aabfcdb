package dev.jvmpprof.asyncjfr;

import java.util.ArrayList;
import java.util.List;

import one.jfr.Dictionary;

import dev.jvmpprof.pprof.Label;

/**
 * The {@code thread} label of the samples of one chunk (and {@code state}, where asked), as {@code ThreadLabels}
 * makes them on the JDK's path: the thread's Java name, or its OS name for a thread the JVM does not know, made once
 * per distinct thread and state.
 */
final class ChunkThreadLabels {

	static final long NO_STATE = -1;

	private static final String STATE_PREFIX = "STATE_";

	private static final String THREAD_STATE = "jdk.types.ThreadState";

	private final ChunkConstants constants;

	private final Dictionary<List<Label>> labels = new Dictionary<>();

	ChunkThreadLabels(ChunkConstants constants) {
		this.constants = constants;
	}

	/**
	 * Returns the labels of a sample.
	 * @param threadId the thread as events refer to it
	 * @param state the state as events refer to it, or {@link #NO_STATE}
	 * @return the labels, one instance per distinct value
	 */
	List<Label> of(long threadId, long state) {
		long key = (threadId << 32) | (state & 0xFFFFFFFFL);
		List<Label> found = this.labels.get(key);
		if (found == null) {
			found = make(threadId, state);
			this.labels.put(key, found);
		}
		return found;
	}

	private List<Label> make(long threadId, long state) {
		List<Label> made = new ArrayList<>(2);
		String name = this.constants.threadName(threadId);
		if (name != null) {
			made.add(Label.of("thread", name));
		}
		String stateName = (state != NO_STATE) ? this.constants.enumName(THREAD_STATE, state) : null;
		if (stateName != null) {
			made.add(Label.of("state", stateName.startsWith(STATE_PREFIX) ? stateName.substring(STATE_PREFIX
				.length()) : stateName));
		}
		return List.copyOf(made);
	}

}
