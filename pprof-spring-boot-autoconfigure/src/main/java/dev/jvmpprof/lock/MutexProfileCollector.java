package dev.jvmpprof.lock;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.profile.ProfileName;

/**
 * Takes the {@code mutex} profile: contended lock acquisition, {@code synchronized} monitors and
 * {@code java.util.concurrent} locks, at the stack of the waiting thread.
 */
public final class MutexProfileCollector extends LockProfileCollector {

	public MutexProfileCollector(SamplingEngine engine, String program) {
		super(ProfileName.MUTEX, engine, program);
	}

	@Override
	boolean counts(RecordedEvent event) {
		return LockWaits.isMutexContention(event);
	}

}
