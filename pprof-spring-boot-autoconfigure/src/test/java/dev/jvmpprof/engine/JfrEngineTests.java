package dev.jvmpprof.engine;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.sampled.SampledProfileCollector;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HotLoop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JfrEngineTests {

	private final JfrEngine engine = new JfrEngine(
			new SamplingSettings(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(1)));

	@Test
	void cpuProfileShouldHaveTheSameShapeFromFlightRecorder() throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (HotLoop loop = HotLoop.start()) {
			SampledProfileCollector.cpu(this.engine, "app").collect(Duration.ofSeconds(2), out);
		}
		DecodedProfile profile = DecodedProfile.decode(out.toByteArray());
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
		assertThat(profile.sumWhereStackContains(0, "dev.jvmpprof.testing.HotLoop.spin"))
			.isGreaterThan(profile.total(0) / 2);
	}

	@Test
	void wallShouldBeUnavailable() {
		assertThat(this.engine.supports(SampledEvent.WALL)).isFalse();
		assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> this.engine.open(Set.of(SampledEvent.WALL)))
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.UNAVAILABLE);
	}

}
