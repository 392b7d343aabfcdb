package dev.jvmpprof.actuate;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.jvmpprof.goroutine.GoroutineProfileCollector;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.threadcreate.ThreadCreateProfileCollector;
import dev.jvmpprof.threadcreate.ThreadStartRecorder;
import dev.jvmpprof.trace.TraceCollector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The auto-configuration of the thread profiles: {@code goroutine}, {@code threadcreate} and {@code trace}.
 */
class PprofThreadProfilesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, PprofEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=pprof");

	@Test
	void runShouldHaveTheThreadProfilesAndARunningThreadStartRecorder() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(GoroutineProfileCollector.class)
				.hasSingleBean(ThreadCreateProfileCollector.class)
				.hasSingleBean(ThreadStartRecorder.class)
				.hasSingleBean(TraceCollector.class);
			assertThat(context.getBean(ThreadStartRecorder.class).unavailableReason()).isNull();
		});
	}

	@Test
	void closingTheContextShouldCloseTheRecorder() {
		ThreadStartRecorder[] recorder = new ThreadStartRecorder[1];
		this.contextRunner.run((context) -> recorder[0] = context.getBean(ThreadStartRecorder.class));
		assertThat(recorder[0].unavailableReason()).isEqualTo("thread starts are not being recorded: the recorder was closed");
	}

	@Test
	void runWhenThreadcreateIsDisabledShouldNotRecordAndShouldAnswer503SayingHowToSwitchItOn() {
		this.contextRunner.withPropertyValues("pprof.threadcreate.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ThreadStartRecorder.class);
			assertThat(context.getBean(PprofProperties.class).getThreadcreate().isEnabled()).isFalse();
			ThreadCreateProfileCollector collector = context.getBean(ThreadCreateProfileCollector.class);
			assertThatExceptionOfType(ProfileException.class)
				.isThrownBy(() -> TakenProfile.take(collector,
						ProfileRequest.parse(ProfileName.THREADCREATE, null, null, null,
								Duration.ofMinutes(1))))
				.withMessage("thread starts are not recorded: set pprof.threadcreate.enabled=true to record them from startup")
				.extracting(ProfileException::getReason)
				.isEqualTo(ProfileException.Reason.UNAVAILABLE);
		});
	}

	@Test
	void runWhenNotExposedShouldNotRecord() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, PprofEndpointAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ThreadStartRecorder.class));
	}

}
