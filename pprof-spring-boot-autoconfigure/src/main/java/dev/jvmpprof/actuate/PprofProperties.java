package dev.jvmpprof.actuate;

import java.time.Duration;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

import dev.jvmpprof.engine.EngineSelection;

/**
 * Settings of the pprof endpoint's profiles. Where the endpoint lives and who may reach it are the actuator's
 * {@code management.*} settings. A value the profiles cannot work with stops the application at startup, with a
 * {@link InvalidPprofPropertyFailureAnalyzer description} of what the setting takes.
 */
@ConfigurationProperties("pprof")
public class PprofProperties implements InitializingBean {

	/**
	 * Longest window a request may ask for with the seconds parameter; longer requests get 400.
	 */
	private Duration maxDuration = Duration.ofMinutes(10);

	/**
	 * Sampling engine: auto (async-profiler where it loads, else the JDK's Flight Recorder), async-profiler or jfr.
	 */
	private String engine = "auto";

	private final Cpu cpu = new Cpu();

	private final Wall wall = new Wall();

	private final Lock lock = new Lock();

	private final Threadcreate threadcreate = new Threadcreate();

	private final Heap heap = new Heap();

	private final Labels labels = new Labels();

	@Override
	public void afterPropertiesSet() {
		// The seconds parameter is whole seconds, so a shorter maximum would refuse every window.
		require("pprof.max-duration", this.maxDuration, this.maxDuration != null && this.maxDuration.toSeconds() >= 1,
				"a duration of at least 1s, such as 10m");
		require("pprof.engine", this.engine, EngineSelection.isChoice(this.engine),
				"one of " + String.join(", ", EngineSelection.CHOICES));
		requirePositive("pprof.cpu.interval", this.cpu.getInterval(), "10ms");
		requirePositive("pprof.wall.interval", this.wall.getInterval(), "50ms");
		Duration threshold = this.lock.getThreshold();
		require("pprof.lock.threshold", threshold, threshold != null && !threshold.isNegative(),
				"zero or a positive duration, such as 1ms");
		DataSize sampleInterval = this.heap.getSampleInterval();
		require("pprof.heap.sample-interval", sampleInterval,
				sampleInterval != null && sampleInterval.toBytes() > 0, "a positive size, such as 512KB");
	}

	private static void requirePositive(String property, Duration value, String example) {
		require(property, value, value != null && !value.isZero() && !value.isNegative(),
				"a positive duration, such as " + example);
	}

	private static void require(String property, Object value, boolean valid, String allowed) {
		if (!valid) {
			throw new InvalidPprofPropertyException(property, value, allowed);
		}
	}

	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public String getEngine() {
		return this.engine;
	}

	public void setEngine(String engine) {
		this.engine = engine;
	}

	public Cpu getCpu() {
		return this.cpu;
	}

	public Wall getWall() {
		return this.wall;
	}

	public Lock getLock() {
		return this.lock;
	}

	public Threadcreate getThreadcreate() {
		return this.threadcreate;
	}

	public Heap getHeap() {
		return this.heap;
	}

	public Labels getLabels() {
		return this.labels;
	}

	/** Settings of the labels that CPU, wall-clock and lock samples carry. */
	public static class Labels {

		/**
		 * Whether samples taken while a thread serves an HTTP request carry the request's http.route and
		 * http.method (and trace_id and span_id with Micrometer Tracing), from the framework's request observations.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/** Settings of the memory profiles ({@code heap} and {@code allocs}). */
	public static class Heap {

		/**
		 * Whether to sample allocations and live objects from startup, with an always-on JDK Flight Recorder stream.
		 * When false, the heap and allocs profiles answer 503.
		 */
		private boolean enabled = true;

		/**
		 * The sampling period the heap profiles report, where Go reports its MemProfileRate. Flight Recorder
		 * samples an object wherever a thread starts a new allocation buffer (the JVM sizes them, typically a few
		 * hundred KiB) and every object allocated outside one, so the samples come at intervals the buffers set;
		 * the estimates do not depend on this value.
		 */
		private DataSize sampleInterval = DataSize.ofKilobytes(512);

		/**
		 * Whether a plain heap answer asks G1 for a concurrent marking, at most one every 10 seconds, and counts
		 * the types that hold 0.5% of the heap or more as of it, so that in-use means alive as Go's does. When
		 * false, or where the JVM does not collect with G1, a plain answer counts the old generation's garbage that
		 * no marking has found yet as in use; heap?gc=1 is exact either way.
		 */
		private boolean marking = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public DataSize getSampleInterval() {
			return this.sampleInterval;
		}

		public void setSampleInterval(DataSize sampleInterval) {
			this.sampleInterval = sampleInterval;
		}

		public boolean isMarking() {
			return this.marking;
		}

		public void setMarking(boolean marking) {
			this.marking = marking;
		}

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

	/** Settings of the wall-clock profile ({@code wall}). */
	public static class Wall {

		/**
		 * Wall time between two samples of a thread. 50ms keeps the cost low with hundreds of threads.
		 */
		private Duration interval = Duration.ofMillis(50);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/** Settings of the lock profiles ({@code block} and {@code mutex}). */
	public static class Lock {

		/**
		 * Shortest wait on a lock that is recorded. Shorter waits cost little and are left out.
		 */
		private Duration threshold = Duration.ofMillis(1);

		/**
		 * Whether to record lock waits from startup with an always-on JDK Flight Recorder stream, so that block and
		 * mutex without seconds answer at once with every wait since startup, as Go's do: true, false, or auto (on
		 * from Java 25; off before, where watching contended monitor entry costs up to 12% of the throughput of a
		 * lock taken millions of times a second). When off, they answer an empty profile; seconds windows work
		 * either way.
		 */
		private String alwaysOn = "auto";

		/**
		 * Whether block counts threads waiting for work to arrive too: pool workers between tasks (thread pools,
		 * scheduled executors, fork-join pools, Tomcat's), the JDK's reference handlers and timers. Left out by
		 * default: they are idle, not blocked, and drown the waits that matter.
		 */
		private boolean idleWaits = false;

		public Duration getThreshold() {
			return this.threshold;
		}

		public void setThreshold(Duration threshold) {
			this.threshold = threshold;
		}

		public boolean isIdleWaits() {
			return this.idleWaits;
		}

		public void setIdleWaits(boolean idleWaits) {
			this.idleWaits = idleWaits;
		}

		public String getAlwaysOn() {
			return this.alwaysOn;
		}

		public void setAlwaysOn(String alwaysOn) {
			this.alwaysOn = alwaysOn;
		}

	}

}
