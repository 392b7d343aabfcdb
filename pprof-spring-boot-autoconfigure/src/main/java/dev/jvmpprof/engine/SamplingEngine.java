package dev.jvmpprof.engine;

import java.time.Duration;

import dev.jvmpprof.profile.ProfileException;

/**
 * A source of stack samples. Each engine records into a JFR file whose {@code jdk.ExecutionSample} events the
 * collectors read, so the profiles look the same whichever engine took them.
 */
public interface SamplingEngine {

	/**
	 * Returns the engine's name, for logs and messages.
	 * @return the name
	 */
	String name();

	/**
	 * Starts sampling threads that run on a CPU.
	 * @param interval the CPU time between samples of a thread
	 * @return the running recording
	 * @throws ProfileException if the engine is busy or cannot sample here
	 */
	Recording startCpu(Duration interval) throws ProfileException;

}
