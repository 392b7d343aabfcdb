package dev.jvmpprof.labels;

import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Labels the samples of a block of code, the JVM's twin of Go's {@code pprof.Do}: every CPU, wall-clock and lock
 * sample taken on the current thread while the block runs carries the labels, so that
 * {@code go tool pprof -tagfocus tenant=acme} shows what that tenant costs.
 *
 * <pre class="code">
 * PprofLabels.run(Map.of("job", "nightly-report", "tenant", tenant), () -&gt; reports.build(tenant));
 * </pre>
 *
 * Blocks nest: an inner block adds its labels to the outer ones, and its value wins on the same key. Labels stay
 * on the thread that runs the block; work it hands to other threads carries labels only where those threads enter
 * them too. Outside a profile, a block costs two thread-local writes.
 */
public final class PprofLabels {

	private static final LabelSource GIVEN = (owner) -> ((Labels) owner).values();

	private PprofLabels() {
	}

	/**
	 * Runs {@code action} with {@code labels} on the current thread's samples.
	 * @param labels the labels, keys to values
	 * @param action what to run
	 */
	public static void run(Map<String, String> labels, Runnable action) {
		Labels owner = new Labels(Map.copyOf(labels));
		LabelTimeline timeline = LabelTimeline.shared();
		timeline.enter(owner, GIVEN);
		try {
			action.run();
		}
		finally {
			timeline.exit(owner);
		}
	}

	/**
	 * Calls {@code action} with {@code labels} on the current thread's samples.
	 * @param <T> what it returns
	 * @param labels the labels, keys to values
	 * @param action what to call
	 * @return what {@code action} returned
	 * @throws Exception what {@code action} threw
	 */
	public static <T> T call(Map<String, String> labels, Callable<T> action) throws Exception {
		Labels owner = new Labels(Map.copyOf(labels));
		LabelTimeline timeline = LabelTimeline.shared();
		timeline.enter(owner, GIVEN);
		try {
			return action.call();
		}
		finally {
			timeline.exit(owner);
		}
	}

	/**
	 * Returns the labels the current thread carries: those of the blocks it runs in and of the request it serves.
	 * @return the labels, sorted by key
	 */
	public static Map<String, String> current() {
		return LabelTimeline.shared().current();
	}

	// A fresh owner per block: exit pairs with its own enter by identity, even when two blocks pass equal maps.
	private record Labels(Map<String, String> values) {
	}

}
