package dev.jvmpprof.jfr;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import com.sun.management.HotSpotDiagnosticMXBean;

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
 * It also reads one option it cannot set, the leak profiler's queue size, which only the command line sets.
 */
public final class RecorderOptions {

	/** The stack depth this starter asks for. */
	public static final int FRAMES = 256;

	/** The number of global buffers this starter asks for. */
	public static final int GLOBAL_BUFFERS = 4;

	/** The leak profiler's queue size where the command line sets none. */
	public static final int DEFAULT_LEAK_PROFILER_QUEUE = 256;

	private static final String[] SIGNATURE = { String[].class.getName() };

	private static final Pattern QUEUE_SIZE = Pattern.compile("(?:^|,)old-object-queue-size=(\\d+)");

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

	/**
	 * Returns how many samples the leak profiler ({@code jdk.OldObjectSample}) keeps, as this JVM was started with.
	 * @return the queue size
	 */
	public static int leakProfilerQueueSize() {
		try {
			return leakProfilerQueueSize(ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
				.getVMOption("FlightRecorderOptions")
				.getValue());
		}
		catch (RuntimeException ex) {
			// No such option: not HotSpot.
			return DEFAULT_LEAK_PROFILER_QUEUE;
		}
	}

	/**
	 * Returns the leak profiler's queue size that a value of {@code -XX:FlightRecorderOptions} sets.
	 * @param flightRecorderOptions the option's value, such as {@code stackdepth=128,old-object-queue-size=2048}
	 * @return the queue size, the default where the value does not set it
	 */
	static int leakProfilerQueueSize(String flightRecorderOptions) {
		Matcher matcher = QUEUE_SIZE.matcher((flightRecorderOptions != null) ? flightRecorderOptions : "");
		int size = DEFAULT_LEAK_PROFILER_QUEUE;
		while (matcher.find()) {
			try {
				size = Integer.parseInt(matcher.group(1));
			}
			catch (NumberFormatException ex) {
				// Larger than any queue the JVM would start with; the last valid value stands.
			}
		}
		return size;
	}

}
