package dev.jvmpprof.heap;

/**
 * Chooses JFR's throttle for allocation samples so that, on average, one sample is taken per sampling interval of
 * allocated bytes, as Go samples one allocation per 512 KiB.
 *
 * <p>JFR cannot sample by bytes: {@code jdk.ObjectAllocationSample} is throttled to a number of events per second
 * and taken when a thread takes a new allocation buffer. So the interval is kept on average: the allocation rate
 * is measured from the samples' weights (which add up to the bytes allocated whatever the rate) and the throttle
 * set to that rate divided by the interval, within {@link #MIN_PER_SECOND} and {@link #MAX_PER_SECOND}. The cap
 * bounds the cost in services that allocate more than {@code MAX_PER_SECOND} intervals a second; the totals stay
 * right, only fewer distinct stacks are seen.
 */
final class SampleRate {

	/**
	 * The fewest samples a second. A thread's allocations are counted at its next sample, so too few samples a
	 * second would leave a burst uncounted for long; JFR's own default is 150 a second.
	 */
	static final long MIN_PER_SECOND = 100;

	/** The most samples a second: each costs a stack walk, and its reading, a few microseconds. */
	static final long MAX_PER_SECOND = 1000;

	/** How long to measure the allocation rate before changing the throttle. */
	private static final long WINDOW_NANOS = 5_000_000_000L;

	private final long interval;

	private long perSecond;

	private long windowStart;

	private long windowBytes;

	/**
	 * Creates a rate for an interval.
	 * @param interval the mean bytes allocated between two samples to aim for
	 * @param initialPerSecond the throttle until the allocation rate is known
	 * @param nowNanos the current {@link System#nanoTime()}
	 */
	SampleRate(long interval, long initialPerSecond, long nowNanos) {
		this.interval = interval;
		this.perSecond = initialPerSecond;
		this.windowStart = nowNanos;
	}

	/**
	 * Returns the throttle to start with.
	 * @return the throttle in JFR's syntax, such as {@code 100/s}
	 */
	String throttle() {
		return this.perSecond + "/s";
	}

	/**
	 * Counts sampled bytes.
	 * @param weight the weight of one sample
	 */
	void sampled(long weight) {
		this.windowBytes += weight;
	}

	/**
	 * Ends a measuring window when it is due, and returns the new throttle when the rate should change.
	 * @param nowNanos the current {@link System#nanoTime()}
	 * @return the new throttle, or {@code null} to keep the current one
	 */
	String update(long nowNanos) {
		long elapsed = nowNanos - this.windowStart;
		if (elapsed < WINDOW_NANOS) {
			return null;
		}
		double bytesPerSecond = this.windowBytes * 1e9 / elapsed;
		long wanted = Math.max(MIN_PER_SECOND, Math.min(MAX_PER_SECOND, Math.round(bytesPerSecond / this.interval)));
		this.windowStart = nowNanos;
		this.windowBytes = 0;
		// Change only for a real difference: every change makes JFR recompute its settings.
		if (wanted * 4 >= this.perSecond * 5 || wanted * 5 <= this.perSecond * 4) {
			this.perSecond = wanted;
			return throttle();
		}
		return null;
	}

}
