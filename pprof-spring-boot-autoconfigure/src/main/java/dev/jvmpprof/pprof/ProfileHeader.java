package dev.jvmpprof.pprof;

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

}
