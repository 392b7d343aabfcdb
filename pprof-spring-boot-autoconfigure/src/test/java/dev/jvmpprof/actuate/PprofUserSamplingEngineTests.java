package dev.jvmpprof.actuate;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HotLoop;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A user's {@link SamplingEngine} bean samples at its own interval, whatever {@code pprof.cpu.interval} says: the
 * CPU profile's period and each sample's {@code cpu/nanoseconds} are the engine's.
 */
class PprofUserSamplingEngineTests {

	private static final long USER_INTERVAL_NANOS = Duration.ofMillis(20).toNanos();

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, PprofEndpointAutoConfiguration.class))
		.withUserConfiguration(UserEngineConfiguration.class)
		.withPropertyValues("management.endpoints.web.exposure.include=pprof", "pprof.cpu.interval=5ms");

	@Test
	void cpuProfileShouldBeValuedAtTheUserEnginesInterval() {
		this.contextRunner.run((context) -> {
			ProfileSource cpu = context.getBean("cpuProfileCollector", ProfileSource.class);
			DecodedProfile profile;
			try (HotLoop loop = HotLoop.start()) {
				profile = DecodedProfile.decode(TakenProfile
					.take(cpu, new ProfileRequest(ProfileName.PROFILE, Optional.of(Duration.ofSeconds(1)), 0, false))
					.body());
			}
			assertThat(profile.periodType()).isEqualTo("cpu/nanoseconds");
			assertThat(profile.proto().getPeriod()).isEqualTo(USER_INTERVAL_NANOS);
			assertThat(profile.sumWhereStackContains(0, "dev.jvmpprof.testing.HotLoop.spin")).isPositive();
			for (Sample sample : profile.proto().getSampleList()) {
				assertThat(sample.getValue(1)).isEqualTo(sample.getValue(0) * USER_INTERVAL_NANOS);
			}
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		SamplingEngine userEngine() {
			return new JfrEngine(new SamplingSettings(Duration.ofNanos(USER_INTERVAL_NANOS), Duration.ofMillis(50),
					Duration.ofMillis(1)));
		}

	}

}
