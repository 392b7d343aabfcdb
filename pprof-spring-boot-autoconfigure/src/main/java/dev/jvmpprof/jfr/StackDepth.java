package dev.jvmpprof.jfr;

import java.lang.management.ManagementFactory;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import jdk.jfr.FlightRecorder;

/**
 * Raises Flight Recorder's stack depth from the JDK's 64 frames to {@link #FRAMES} before it first starts, so that
 * the stacks of a Spring service (60 frames below a request handler, well over 100 in the application's startup)
 * keep their roots instead of ending in {@code [truncated]}.
 *
 * <p>The depth is a JVM-wide option ({@code -XX:FlightRecorderOptions:stackdepth}) that {@code JFR.configure} changes
 * safely only before any stack is recorded; so it is raised only where Flight Recorder has not started, and never
 * over a depth set on the command line. Shallower stacks cost the same as before.
 */
public final class StackDepth {

	/** The depth this starter asks for. */
	public static final int FRAMES = 256;

	private static final int JDK_DEFAULT = 64;

	private static final String[] SIGNATURE = { String[].class.getName() };

	private StackDepth() {
	}

	/**
	 * Raises the depth to {@link #FRAMES} if Flight Recorder has not started yet and its depth is the JDK's default;
	 * call it before starting a recording.
	 * @return whether the depth was raised
	 */
	public static synchronized boolean raiseBeforeFirstRecording() {
		if (FlightRecorder.isInitialized() || setOnTheCommandLine()) {
			return false;
		}
		try {
			MBeanServer server = ManagementFactory.getPlatformMBeanServer();
			ObjectName diagnostics = new ObjectName("com.sun.management:type=DiagnosticCommand");
			String current = String.valueOf(server.invoke(diagnostics, "jfrConfigure", new Object[] { new String[0] },
					SIGNATURE));
			if (FlightRecorder.isInitialized() || !current.contains("Stack depth: " + JDK_DEFAULT + "\n")) {
				return false;
			}
			server.invoke(diagnostics, "jfrConfigure", new Object[] { new String[] { "stackdepth=" + FRAMES } },
					SIGNATURE);
			return true;
		}
		catch (JMException | RuntimeException ex) {
			// No diagnostic commands in this runtime: stacks stay at the JDK's depth.
			return false;
		}
	}

	private static boolean setOnTheCommandLine() {
		try {
			return ManagementFactory.getRuntimeMXBean()
				.getInputArguments()
				.stream()
				.anyMatch((argument) -> argument.startsWith("-XX:FlightRecorderOptions")
						&& argument.contains("stackdepth"));
		}
		catch (RuntimeException ex) {
			return true;
		}
	}

}
