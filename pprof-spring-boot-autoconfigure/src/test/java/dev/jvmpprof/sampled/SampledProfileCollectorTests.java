package dev.jvmpprof.sampled;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.engine.AsyncProfilerEngine;
import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SampledProfileCollectorTests {

	@Test
	void wallShouldSampleThreadsThatDoNotRunWithThreadAndStateLabels() throws Exception {
		SampledProfileCollector collector = SampledProfileCollector.wall(new AsyncProfilerEngine(
				new SamplingSettings(Duration.ofMillis(10), Duration.ofMillis(20), Duration.ofMillis(1))), "app");
		DecodedProfile profile;
		try (Contention contention = Contention.start()) {
			profile = DecodedProfile.decode(TakenProfile.take(collector,
					new ProfileRequest(ProfileName.WALL, Optional.of(Duration.ofSeconds(2)), 0, false))
				.body());
		}
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "wall/nanoseconds");
		assertThat(profile.periodType()).isEqualTo("wall/nanoseconds");
		assertThat(profile.proto().getPeriod()).isEqualTo(20_000_000L);
		Sample latch = profile.proto()
			.getSampleList()
			.stream()
			.filter((sample) -> "latch-waiter".equals(profile.label(sample, "thread")))
			.findFirst()
			.orElseThrow();
		assertThat(profile.functionNames(latch)).anyMatch((name) -> name.endsWith("Contention.awaitLatch"));
		assertThat(profile.label(latch, "state")).isNotBlank();
		for (Sample sample : profile.proto().getSampleList()) {
			assertThat(sample.getValue(1)).isEqualTo(sample.getValue(0) * 20_000_000L);
		}
	}

	@Test
	void cpuSamplesShouldBeValuedAtTheIntervalTheEngineSampledAt() throws Exception {
		SampledProfileCollector collector = SampledProfileCollector.cpu(new JfrEngine(
				new SamplingSettings(Duration.ofMillis(20), Duration.ofMillis(50), Duration.ofMillis(1))), "app");
		DecodedProfile profile;
		try (HotLoop loop = HotLoop.start()) {
			profile = DecodedProfile.decode(TakenProfile.take(collector,
					new ProfileRequest(ProfileName.PROFILE, Optional.of(Duration.ofSeconds(1)), 0, false))
				.body());
		}
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
		assertThat(profile.periodType()).isEqualTo("cpu/nanoseconds");
		assertThat(profile.proto().getPeriod()).isEqualTo(20_000_000L);
		assertThat(profile.sumWhereStackContains(0, "dev.jvmpprof.testing.HotLoop.spin")).isPositive();
		for (Sample sample : profile.proto().getSampleList()) {
			assertThat(sample.getValue(1)).isEqualTo(sample.getValue(0) * 20_000_000L);
		}
	}

	@Test
	void wallShouldBeUnavailableWhereTheEngineCannotSampleIt() {
		SampledProfileCollector collector = SampledProfileCollector.wall(new JfrEngine(
				new SamplingSettings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(1))), "app");
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> TakenProfile.take(collector,
					new ProfileRequest(ProfileName.WALL, Optional.of(Duration.ofSeconds(1)), 0, false)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(ProfileException.Reason.UNAVAILABLE))
			.withMessage("the wall profile needs async-profiler, and this JVM samples with JDK Flight Recorder");
	}

}
