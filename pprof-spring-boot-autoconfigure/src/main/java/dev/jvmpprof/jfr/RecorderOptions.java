package dev.jvmpprof.jfr;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jdk.jfr.FlightRecorder;

/**
 * Sets two of Flight Recorder's JVM-wide options before it first starts, where the command line left them at the
 * JDK's defaults ({@code -XX:FlightRecorderOptions}); {@code JFR.configure} changes them safely only before then.
 * <ul>
 * <li>Stack depth {@link #FRAMES} instead of 64, so that the stacks of a Spring service (60 frames below a request
 * handler, well over 100 in the application's startup) keep their roots instead of ending in {@code [truncated]}.
 * Shallower stacks cost the same as before.</li>
 * <li>{@link #GLOBAL_BUFFERS} global buffers of 512 KiB instead of 20: 8 MiB less resident memory for a stream
 * that is read every second. Three threads allocating 1 KiB and 70 KB arrays as fast as they could, 256 frames deep
 * (10,000 allocation events a second), lost no event with 2 or 4 buffers ({@code jdk.DataLoss};
 * {@code FlightRecorderProbe loss} in the benchmarks).</li>
 * </ul>
 */
public final class RecorderOptions {

	/** The stack depth this starter asks for. */
	public static final int FRAMES = 256;

	/** The number of global buffers this starter asks for. */
	public static final int GLOBAL_BUFFERS = 4;

	private static final String[] SIGNATURE = { String[].class.getName() };

	private RecorderOptions() {
	}

	/**
	 * Sets the stack depth and the global buffers where Flight Recorder has not started yet and they are the JDK's
	 * defaults; call it before starting a recording.
	 * @return the options set, as {@code JFR.configure} takes them; empty if none
	 */
	public static synchronized List<String> setBeforeFirstRecording() {
		if (FlightRecorder.isInitialized()) {
			return List.of();
		}
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
			String current = String.valueOf(server.invoke(diagnostics, "jfrConfigure", new Object[] { new String[0] },
					SIGNATURE));
			if (FlightRecorder.isInitialized()) {
				return List.of();
			}
			List<String> options = new ArrayList<>();
			if (current.contains("Stack depth: 64\n") && !onTheCommandLine("stackdepth")) {
				options.add("stackdepth=" + FRAMES);
			}
			if (current.contains("Global buffer count: 20\n") && !onTheCommandLine("numglobalbuffers")
					&& !onTheCommandLine("globalbuffersize") && !onTheCommandLine("memorysize")) {
				options.add("globalbuffercount=" + GLOBAL_BUFFERS);
			}
			if (!options.isEmpty()) {
				server.invoke(diagnostics, "jfrConfigure", new Object[] { options.toArray(String[]::new) }, SIGNATURE);
			}
			return options;
		}
		catch (JMException | RuntimeException ex) {
			// No diagnostic commands in this runtime: Flight Recorder keeps the JDK's defaults.
			return List.of();
		}
	}

	private static boolean onTheCommandLine(String option) {
		try {
			return ManagementFactory.getRuntimeMXBean()
				.getInputArguments()
				.stream()
				.anyMatch((argument) -> argument.startsWith("-XX:FlightRecorderOptions") && argument.contains(option));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

}
