package dev.jvmpprof.profile;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProfileRequestTests {

	private static final Duration MAX = Duration.ofMinutes(10);

	@Test
	void parseShouldReadTypedValues() throws ProfileException {
		ProfileRequest request = ProfileRequest.parse(ProfileName.HEAP, "15", "0", "1", MAX);
		assertThat(request.seconds()).contains(Duration.ofSeconds(15));
		assertThat(request.debug()).isZero();
		assertThat(request.gc()).isTrue();
		assertThat(ProfileRequest.parse(ProfileName.HEAP, null, "1", null, MAX).debug()).isOne();
	}

	@Test
	void parseWithoutParametersShouldUseDefaults() throws ProfileException {
		ProfileRequest request = ProfileRequest.parse(ProfileName.PROFILE, null, null, null, MAX);
		assertThat(request.secondsOr(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(request.debug()).isZero();
		assertThat(request.gc()).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "abc", "0", "-1", "1.5", "+5", " 5", "5 ", "1e3", "٣", "99999999999999999999", "5\0" })
	void parseShouldRejectSecondsThatAreNotPositiveIntegers(String seconds) {
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> ProfileRequest.parse(ProfileName.PROFILE, seconds, null, null, MAX))
			.withMessage("invalid value for \"seconds\" - must be a positive integer")
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.BAD_REQUEST);
	}

	@Test
	void parseShouldRejectSecondsWithDebugAsGoDoes() {
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> ProfileRequest.parse(ProfileName.GOROUTINE, "1", "2", null, MAX))
			.withMessage("seconds and debug params are incompatible");
	}

	@Test
	void parseShouldRejectSecondsBeyondTheMaximum() {
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> ProfileRequest.parse(ProfileName.PROFILE, "601", null, null, MAX))
			.withMessageContaining("must be at most 600 (pprof.max-duration)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "3", "-1", "x", "01", "" })
	void parseShouldRejectDebugLevelsGoDoesNotHave(String debug) {
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> ProfileRequest.parse(ProfileName.GOROUTINE, null, debug, null, MAX))
			.withMessage("invalid value for \"debug\" - must be an integer from 0 to 2");
	}

	@Test
	void attachmentNameShouldFollowGo() {
		assertThat(ProfileName.HEAP.attachmentName(false)).isEqualTo("heap");
		assertThat(ProfileName.HEAP.attachmentName(true)).isEqualTo("heap-delta");
		assertThat(ProfileName.PROFILE.attachmentName(true)).isEqualTo("profile");
		assertThat(ProfileName.TRACE.attachmentName(true)).isEqualTo("trace.jfr");
	}

}
