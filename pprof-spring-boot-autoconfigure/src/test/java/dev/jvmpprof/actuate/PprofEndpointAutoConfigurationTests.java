package dev.jvmpprof.actuate;

import java.time.Duration;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.core.convert.support.ConfigurableConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileException;

import static org.assertj.core.api.Assertions.assertThat;

class PprofEndpointAutoConfigurationTests {

	// Boot's conversion service reads "read-only" as Access.READ_ONLY, as in an application.
	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withInitializer((context) -> context.getEnvironment()
			.setConversionService((ConfigurableConversionService) ApplicationConversionService.getSharedInstance()))
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, PprofEndpointAutoConfiguration.class));

	@Test
	void runWhenExposedShouldHaveEndpointBean() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof")
			.run((context) -> assertThat(context).hasSingleBean(PprofEndpoint.class)
				.hasBean("cpuProfileCollector")
				.hasSingleBean(ProfileDispatcher.class));
	}

	@Test
	void runWhenNotExposedShouldNotHaveEndpointBean() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PprofEndpoint.class)
			.doesNotHaveBean(SamplingEngine.class));
	}

	@Test
	void runWhenAccessIsNoneShouldNotHaveEndpointBean() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pprof", "management.endpoint.pprof.access=none")
			.run((context) -> assertThat(context).doesNotHaveBean(PprofEndpoint.class));
	}

	@Test
	void runWhenAccessIsReadOnlyShouldHaveEndpointBean() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pprof",
					"management.endpoint.pprof.access=read-only")
			.run((context) -> assertThat(context).hasSingleBean(PprofEndpoint.class));
	}

	@Test
	void runWithUserEngineShouldUseIt() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof")
			.withUserConfiguration(UserEngineConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(SamplingEngine.class)
				.getBean(SamplingEngine.class)
				.extracting(SamplingEngine::name)
				.isEqualTo("user"));
	}

	@Test
	void runWithEngineJfrShouldSampleWithFlightRecorder() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof", "pprof.engine=jfr")
			.run((context) -> assertThat(context).getBean(SamplingEngine.class).isInstanceOf(JfrEngine.class));
	}

	@Test
	void runWithUnknownEngineShouldFailToStart() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof", "pprof.engine=perf")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidPprofPropertyException.class)
				.hasMessage("pprof.engine must be one of auto, async-profiler, jfr, not 'perf'"));
	}

	@Test
	void runShouldBindPprofProperties() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=pprof", "pprof.max-duration=90s",
					"pprof.cpu.interval=1ms")
			.run((context) -> {
				PprofProperties properties = context.getBean(PprofProperties.class);
				assertThat(properties.getMaxDuration()).isEqualTo(Duration.ofSeconds(90));
				assertThat(properties.getCpu().getInterval()).isEqualTo(Duration.ofMillis(1));
			});
	}

	@Test
	void defaultsShouldBeGos() {
		PprofProperties properties = new PprofProperties();
		assertThat(properties.getMaxDuration()).isEqualTo(Duration.ofMinutes(10));
		assertThat(properties.getCpu().getInterval()).isEqualTo(Duration.ofMillis(10));
	}

	@Test
	void runWhenExposedShouldLabelRequests() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof")
			.run((context) -> assertThat(context).hasSingleBean(RequestLabelsObservationHandler.class));
	}

	@Test
	void runWhenLabelsAreDisabledShouldNotLabelRequests() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=pprof", "pprof.labels.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RequestLabelsObservationHandler.class)
				.hasSingleBean(PprofEndpoint.class));
	}

	@Test
	void runWhenNotExposedShouldNotLabelRequests() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(RequestLabelsObservationHandler.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class UserEngineConfiguration {

		@Bean
		SamplingEngine userEngine() {
			return new SamplingEngine() {

				@Override
				public String name() {
					return "user";
				}

				@Override
				public boolean supports(SampledEvent event) {
					return false;
				}

				@Override
				public Window open(Set<SampledEvent> events) throws ProfileException {
					throw new ProfileException(ProfileException.Reason.UNAVAILABLE, "not here");
				}

			};
		}

	}

}
