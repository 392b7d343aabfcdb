package dev.jvmpprof.lock;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.profile.ProfileName;

/**
 * Takes the {@code block} profile: every wait on synchronization, lock acquisition and parking alike (queues,
 * latches, futures), and {@code Object.wait} where the engine records it; threads waiting for work (idle pool
 * workers, reference handlers, timers) only where asked.
 */
public final class BlockProfileCollector extends LockProfileCollector {

	private final boolean idleWaits;

	/**
	 * Creates a collector that answers plain requests from a recorder.
	 * @param engine records the windows of {@code seconds} requests
	 * @param recorder the waits since startup, started
	 * @param idleWaits whether windows count threads waiting for work too (the recorder says for itself)
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public BlockProfileCollector(SamplingEngine engine, LockWaitRecorder recorder, boolean idleWaits,
			String program) {
		super(ProfileName.BLOCK, engine, recorder, null, program);
		this.idleWaits = idleWaits;
	}

	/**
	 * Creates a collector where waits are not recorded since startup: plain requests get an empty profile.
	 * @param engine records the windows of {@code seconds} requests
	 * @param offReason the empty profile's comment: one sentence saying why and how to switch recording on
	 * @param idleWaits whether windows count threads waiting for work too
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public BlockProfileCollector(SamplingEngine engine, String offReason, boolean idleWaits, String program) {
		super(ProfileName.BLOCK, engine, null, offReason, program);
		this.idleWaits = idleWaits;
	}

	@Override
	boolean counts(RecordedEvent event) {
		return this.idleWaits || !LockWaits.isIdle(event);
	}

}
