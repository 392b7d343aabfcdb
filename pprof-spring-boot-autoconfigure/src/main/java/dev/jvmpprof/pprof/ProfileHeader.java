package dev.jvmpprof.pprof;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The profile-wide fields of a pprof profile: what its samples measure, the sampling period and the time window.
 *
 * @param sampleTypes the value types of every sample, in order
 * @param periodType what the period measures
 * @param period the sampling period in units of {@code periodType}
 * @param timeNanos when the profile started, in nanoseconds since the epoch
 * @param durationNanos how long the profile covers, or 0 for an instant
 * @param defaultSampleType the sample type that clients show first, or {@code null} for the last one
 */
public record ProfileHeader(List<ValueType> sampleTypes, ValueType periodType, long period, long timeNanos,
		long durationNanos, String defaultSampleType) {

	public ProfileHeader {
		sampleTypes = List.copyOf(sampleTypes);
	}

	/**
	 * Creates the header of a profile that starts at {@code start} and covers {@code duration}, with no default
	 * sample type.
	 * @param sampleTypes the value types of every sample, in order
	 * @param periodType what the period measures
	 * @param period the sampling period in units of {@code periodType}
	 * @param start when the profile started
	 * @param duration how long it covers, zero for an instant
	 * @return the header
	 */
	public static ProfileHeader of(List<ValueType> sampleTypes, ValueType periodType, long period, Instant start,
			Duration duration) {
		return new ProfileHeader(sampleTypes, periodType, period, EpochNanos.of(start), duration.toNanos(), null);
	}

	/**
	 * Returns this header with a default sample type, the one clients show first.
	 * @param type the sample type's name, such as {@code alloc_space}
	 * @return the header
	 */
	public ProfileHeader withDefaultSampleType(String type) {
		return new ProfileHeader(this.sampleTypes, this.periodType, this.period, this.timeNanos, this.durationNanos,
				type);
	}

}
