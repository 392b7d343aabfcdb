package dev.jvmpprof.asyncjfr;

/**
 * The async-profiler samples a profile is made of, and what each counts for.
 */
public enum SampleKind {

	/** CPU samples ({@code /profile}): each counts once, labelled with its thread. */
	CPU("jdk.ExecutionSample", false),

	/**
	 * Wall-clock samples ({@code /wall}): async-profiler folds repeated samples of an idle thread into one event with
	 * a {@code samples} count; each is labelled with its thread and the thread's state.
	 */
	WALL("profiler.WallClockSample", true);

	static final int TIME = 0;

	static final int THREAD = 1;

	static final int STACK_TRACE = 2;

	static final int STATE = 3;

	static final int SAMPLES = 4;

	private static final String[] FIELDS = { "startTime", "sampledThread", "stackTrace", "state", "samples" };

	private static final String[] CPU_FIELDS = { "startTime", "sampledThread", "stackTrace" };

	private final String eventName;

	private final boolean wall;

	SampleKind(String eventName, boolean wall) {
		this.eventName = eventName;
		this.wall = wall;
	}

	String eventName() {
		return this.eventName;
	}

	/** The fields read from each event, indexed by {@link #TIME}, {@link #THREAD}... */
	String[] fieldNames() {
		return this.wall ? FIELDS : CPU_FIELDS;
	}

	/** Whether samples are labelled with their thread's state. */
	boolean labelsState() {
		return this.wall;
	}

	/**
	 * Returns how many samples an event stands for.
	 * @param fields the event's fields
	 * @return the count, at least 1
	 */
	long count(long[] fields) {
		return this.wall ? Math.max(1, fields[SAMPLES]) : 1;
	}

}
