package dev.jvmpprof.actuate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the pprof endpoint's profiles. Where the endpoint lives and who may reach it are the actuator's
 * {@code management.*} settings.
 */
@ConfigurationProperties("pprof")
public class PprofProperties {

	/**
	 * Longest window a request may ask for with the seconds parameter; longer requests get 400.
	 */
	private Duration maxDuration = Duration.ofMinutes(10);

	private final Cpu cpu = new Cpu();

	private final Threadcreate threadcreate = new Threadcreate();

	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public Cpu getCpu() {
		return this.cpu;
	}

	public Threadcreate getThreadcreate() {
		return this.threadcreate;
	}

	/** Settings of the thread creation profile ({@code threadcreate}). */
	public static class Threadcreate {

		/**
		 * Whether to record the stacks that start threads from startup, with an always-on JDK Flight Recorder
		 * stream of jdk.ThreadStart events. When false, the threadcreate profile answers 503.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Settings of the CPU profile ({@code profile}). */
	public static class Cpu {

		/**
		 * CPU time between two samples of a thread. 10ms is Go's rate of 100 samples a second.
		 */
		private Duration interval = Duration.ofMillis(10);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

}
