package dev.jvmpprof.lock;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.profile.ProfileName;

/**
 * Takes the {@code block} profile: every wait on synchronization, lock acquisition and parking alike (queues,
 * latches, futures), and {@code Object.wait} where the engine records it.
 */
public final class BlockProfileCollector extends LockProfileCollector {

	/**
	 * Creates a collector that answers plain requests from a recorder.
	 * @param engine records the windows of {@code seconds} requests
	 * @param recorder the waits since startup, started
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public BlockProfileCollector(SamplingEngine engine, LockWaitRecorder recorder, String program) {
		super(ProfileName.BLOCK, engine, recorder, null, program);
	}

	/**
	 * Creates a collector where waits are not recorded since startup: plain requests get an empty profile.
	 * @param engine records the windows of {@code seconds} requests
	 * @param offReason the empty profile's comment: one sentence saying why and how to switch recording on
	 * @param program the program's name, shown by clients as {@code File:}
	 */
	public BlockProfileCollector(SamplingEngine engine, String offReason, String program) {
		super(ProfileName.BLOCK, engine, null, offReason, program);
	}

	@Override
	boolean counts(RecordedEvent event) {
		return true;
	}

}
