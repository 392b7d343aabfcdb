package dev.jvmpprof.actuate;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.jvmpprof.lock.LockWaitRecorder;
import dev.jvmpprof.lock.MutexProfileCollector;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.TakenProfile;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration of the lock profiles' recording from startup ({@code pprof.lock.always-on}).
 */
class PprofLockProfilesAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(EndpointAutoConfiguration.class, PprofEndpointAutoConfiguration.class))
		.withPropertyValues("management.endpoints.web.exposure.include=pprof");

	@Test
	void runWhenAlwaysOnShouldHaveARunningLockWaitRecorder() {
		this.contextRunner.withPropertyValues("pprof.lock.always-on=true").run((context) -> {
			assertThat(context).hasSingleBean(LockWaitRecorder.class);
			assertThat(context.getBean(LockWaitRecorder.class).unavailableReason()).isNull();
		});
	}

	@Test
	void runWhenOffShouldAnswerAnEmptyProfileSayingHowToSwitchItOn() {
		this.contextRunner.withPropertyValues("pprof.lock.always-on=false").run((context) -> {
			assertThat(context).doesNotHaveBean(LockWaitRecorder.class);
			byte[] body = TakenProfile.take(context.getBean(MutexProfileCollector.class),
					new ProfileRequest(ProfileName.MUTEX, Optional.empty(), 0, false))
				.body();
			DecodedProfile profile = DecodedProfile.decode(body);
			assertThat(profile.proto().getSampleCount()).isZero();
			assertThat(profile.proto().getCommentList()).extracting(profile::string)
				.singleElement()
				.asString()
				.contains("pprof.lock.always-on=true");
		});
	}

	@Test
	void runWhenAutoShouldRecordFromJava25On() {
		this.contextRunner.run((context) -> {
			if (Runtime.version().feature() >= 25) {
				assertThat(context).hasSingleBean(LockWaitRecorder.class);
			}
			else {
				assertThat(context).doesNotHaveBean(LockWaitRecorder.class);
			}
		});
	}

	@Test
	void runWhenNeitherTrueFalseNorAutoShouldFailToStartSayingWhatIsAllowed() {
		this.contextRunner.withPropertyValues("pprof.lock.always-on=sometimes")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidPprofPropertyException.class)
				.hasMessage("pprof.lock.always-on must be one of auto, true, false, not 'sometimes'"));
	}

}
