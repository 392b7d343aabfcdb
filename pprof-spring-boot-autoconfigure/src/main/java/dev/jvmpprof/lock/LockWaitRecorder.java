package dev.jvmpprof.lock;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.profile.ProfileName;

/**
 * Counts lock waits from the moment it starts, as Go's runtime does once block and mutex profiling are on: the
 * monitor, park and wait events of an always-on in-process Flight Recorder stream, added up per stack into the
 * cumulative {@code block} and {@code mutex} profiles. Memory grows with the distinct stacks, not with the waits.
 */
public final class LockWaitRecorder implements AutoCloseable {

	private final ContinuousRecording recording;

	private final Duration threshold;

	private final boolean idleWaits;

	private final StackProfile block = new StackProfile(2);

	private final StackProfile mutex = new StackProfile(2);

	private ContinuousRecording.Subscription subscription;

	private String unavailable = "lock waits are not being recorded: the recorder was not started";

	/**
	 * Creates a recorder that reads a stream it may share with other recorders.
	 * @param recording the stream
	 * @param threshold the shortest wait to record
	 * @param idleWaits whether {@code block} counts threads waiting for work too
	 */
	public LockWaitRecorder(ContinuousRecording recording, Duration threshold, boolean idleWaits) {
		this.recording = recording;
		this.threshold = threshold;
		this.idleWaits = idleWaits;
	}

	/**
	 * Starts recording. Never fails: where the Flight Recorder cannot run, the reason is kept for
	 * {@link #unavailableReason()} and the application carries on.
	 */
	public synchronized void start() {
		if (this.subscription != null) {
			return;
		}
		try {
			this.subscription = this.recording.subscribe(LockWaits.EVENTS, this.threshold, this::record);
			this.unavailable = null;
		}
		catch (IllegalStateException ex) {
			this.unavailable = "lock waits are not recorded: " + ex.getMessage();
		}
	}

	/**
	 * Stops recording.
	 */
	@Override
	public synchronized void close() {
		if (this.subscription != null) {
			this.subscription.close();
			this.subscription = null;
			this.unavailable = "lock waits are not being recorded: the recorder was closed";
		}
	}

	/**
	 * Returns why no profile can be taken, or {@code null} when the recorder runs.
	 * @return the reason, one sentence
	 */
	public synchronized String unavailableReason() {
		return this.unavailable;
	}

	/**
	 * Returns the waits of one lock profile recorded so far. It does not wait for the stream's next flush, so that
	 * a scraper's request is answered at once: the waits that ended in the last second or so are in the next answer.
	 * @param name {@code block} or {@code mutex}
	 * @return a copy of the stacks and their {@code [contentions, delay]}
	 */
	public StackProfile sinceStart(ProfileName name) {
		StackProfile profile = (name == ProfileName.MUTEX) ? this.mutex : this.block;
		synchronized (profile) {
			return profile.minus(new StackProfile(2));
		}
	}

	private void record(RecordedEvent event) {
		if (!this.idleWaits && LockWaits.isIdle(event)) {
			// Never a contention either; left before its stack is converted, as idle pools wait often.
			return;
		}
		List<List<Frame>> stack = StackConverter.stack(event.getStackTrace());
		long delay = event.getDuration().toNanos();
		synchronized (this.block) {
			this.block.add(stack, List.of(), 1, delay);
		}
		if (LockWaits.isMutexContention(event)) {
			synchronized (this.mutex) {
				this.mutex.add(stack, List.of(), 1, delay);
			}
		}
	}

}
