package dev.jvmpprof.pprof;

import java.util.HashMap;
import java.util.Map;

/**
 * Writes a lock profile ({@code block}, {@code mutex}) as Go's {@code ?debug=1} legacy text: a
 * {@code --- contention:} or {@code --- mutex:} line, {@code cycles/second}, then per merged sample its delay in
 * cycles and its contentions, and its frames. Delays are nanoseconds, so a cycle is a nanosecond. Frame ids stand
 * for Go's addresses as in {@link CountProfileText}, which {@code go tool pprof}'s legacy parser reads too.
 */
public final class ContentionProfileText {

	private ContentionProfileText() {
	}

	/**
	 * Formats {@code profile}, longest delay first.
	 * @param mutex whether it is the {@code mutex} profile, whose header says so and gives its sampling period
	 * @param profile a profile valued {@code [contentions, delay in nanoseconds]}
	 * @return the text
	 */
	public static String format(boolean mutex, StackProfile profile) {
		StringBuilder text = new StringBuilder(4096);
		text.append("--- ").append(mutex ? "mutex" : "contention").append(":\n");
		text.append("cycles/second=1000000000\n");
		if (mutex) {
			// Every contention is recorded, none sampled: Go's SetMutexProfileFraction(1).
			text.append("sampling period=1\n");
		}
		Map<Frame, Integer> ids = new HashMap<>();
		for (StackProfile.Sample sample : profile.samplesByValue(1)) {
			text.append(sample.values()[1]).append(' ').append(sample.values()[0]);
			CountProfileText.appendStack(text, sample, ids, false);
		}
		return text.toString();
	}

}
