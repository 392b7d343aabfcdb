package dev.jvmpprof.engine;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;

import dev.jvmpprof.profile.ProfileException;

/**
 * Chooses the sampling engine at startup and says so in one log line, with the reason when it falls back.
 */
public final class EngineSelection {

	/** The choices {@link #select} takes, in any case. */
	public static final List<String> CHOICES = List.of("auto", "async-profiler", "jfr");

	private static final System.Logger logger = System.getLogger(EngineSelection.class.getName());

	private EngineSelection() {
	}

	/**
	 * Returns whether {@link #select} takes a choice.
	 * @param choice the choice, such as {@code pprof.engine}'s value
	 * @return whether it is one of {@link #CHOICES}, in any case
	 */
	public static boolean isChoice(String choice) {
		return choice != null && CHOICES.contains(choice.toLowerCase(Locale.ROOT));
	}

	/**
	 * Returns the engine to use.
	 * @param choice {@code auto}, {@code async-profiler} or {@code jfr}
	 * @param settings how densely to sample
	 * @return the engine
	 * @throws IllegalArgumentException if {@code choice} is none of those
	 */
	public static SamplingEngine select(String choice, SamplingSettings settings) {
		switch (choice.toLowerCase(Locale.ROOT)) {
			case "jfr" -> {
				logger.log(Level.INFO, "pprof: sampling with the JDK's Flight Recorder (pprof.engine=jfr)");
				return new JfrEngine(settings);
			}
			case "async-profiler" -> {
				logger.log(Level.INFO, "pprof: sampling with async-profiler (pprof.engine=async-profiler)");
				return new AsyncProfilerEngine(settings);
			}
			case "auto" -> {
				AsyncProfilerEngine asyncProfiler = new AsyncProfilerEngine(settings);
				try {
					asyncProfiler.load();
					logger.log(Level.INFO, "pprof: sampling with async-profiler");
					return asyncProfiler;
				}
				catch (ProfileException ex) {
					logger.log(Level.WARNING, "pprof: " + ex.getMessage()
							+ "; sampling with the JDK's Flight Recorder instead (Java frames only, no wall profile)");
					return new JfrEngine(settings);
				}
			}
			default -> throw new IllegalArgumentException(
					"pprof.engine must be one of " + String.join(", ", CHOICES) + ", not '" + choice + "'");
		}
	}

}
