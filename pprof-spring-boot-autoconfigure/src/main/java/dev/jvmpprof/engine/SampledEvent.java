package dev.jvmpprof.engine;

/**
 * What a window profile samples; an engine records each as JFR events of one kind.
 */
public enum SampledEvent {

	/** Threads running on a CPU: {@code jdk.ExecutionSample}. */
	CPU,

	/** Threads waiting to enter a monitor or parked: {@code jdk.JavaMonitorEnter}, {@code jdk.ThreadPark}. */
	LOCK,

	/** Every thread, running or not: {@code profiler.WallClockSample}. */
	WALL

}
