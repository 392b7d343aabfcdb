package dev.jvmpprof.lock;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.profile.ProfileName;

/**
 * Takes the {@code block} profile: every wait on synchronization, lock acquisition and parking alike (queues,
 * latches, futures), and {@code Object.wait} where the engine records it.
 */
public final class BlockProfileCollector extends LockProfileCollector {

	public BlockProfileCollector(SamplingEngine engine, String program) {
		super(ProfileName.BLOCK, engine, program);
	}

	@Override
	boolean counts(RecordedEvent event) {
		return true;
	}

}
