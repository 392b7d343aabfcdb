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
		assertThat(request.window()).isEqualTo(Duration.ofSeconds(30));
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

	@Test
	void parseShouldFindTheNameAsGoDoesCaseSensitive() throws ProfileException {
		assertThat(ProfileRequest.parse("heap", null, null, null, MAX).name()).isEqualTo(ProfileName.HEAP);
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> ProfileRequest.parse("Heap", null, null, null, MAX))
			.withMessage(ProfileName.UNKNOWN_MESSAGE)
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.NOT_FOUND);
	}

	@Test
	void windowShouldBeTheSecondsOrTheProfilesDefault() throws ProfileException {
		assertThat(ProfileRequest.parse(ProfileName.PROFILE, null, null, null, MAX).window())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(ProfileRequest.parse(ProfileName.WALL, null, null, null, MAX).window())
			.isEqualTo(Duration.ofSeconds(30));
		assertThat(ProfileRequest.parse(ProfileName.TRACE, null, null, null, MAX).window())
			.isEqualTo(Duration.ofSeconds(5));
		assertThat(ProfileRequest.parse(ProfileName.HEAP, null, null, null, MAX).window()).isZero();
		assertThat(ProfileRequest.parse(ProfileName.HEAP, "7", null, null, MAX).window())
			.isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void textShouldBeTheTextProfilesAndTheDebugFormsThereAre() throws ProfileException {
		assertThat(ProfileRequest.parse(ProfileName.CMDLINE, null, null, null, MAX).text()).isTrue();
		assertThat(ProfileRequest.parse(ProfileName.SYMBOL, null, null, null, MAX).text()).isTrue();
		assertThat(ProfileRequest.parse(ProfileName.GOROUTINE, null, "2", null, MAX).text()).isTrue();
		assertThat(ProfileRequest.parse(ProfileName.HEAP, null, "1", null, MAX).text()).isTrue();
		assertThat(ProfileRequest.parse(ProfileName.HEAP, null, "0", null, MAX).text()).isFalse();
		assertThat(ProfileRequest.parse(ProfileName.PROFILE, null, "1", null, MAX).text())
			.as("the CPU profile has no text form, as Go's").isFalse();
	}

	@Test
	void pprofAfterWindowShouldBeTheWindowedProfilesAndTheDeltas() throws ProfileException {
		for (ProfileName name : ProfileName.values()) {
			boolean windowed = name == ProfileName.PROFILE || name == ProfileName.WALL;
			assertThat(ProfileRequest.parse(name, null, null, null, MAX).pprofAfterWindow()).as(name.value())
				.isEqualTo(windowed);
			boolean delta = name.kind().answer() == ProfileKind.Answer.PPROF;
			assertThat(ProfileRequest.parse(name, "2", null, null, MAX).pprofAfterWindow()).as(name.value() + " delta")
				.isEqualTo(delta);
		}
		assertThat(ProfileRequest.parse(ProfileName.TRACE, "2", null, null, MAX).pprofAfterWindow())
			.as("a recording, not gzip'd pprof").isFalse();
		assertThat(ProfileRequest.parse(ProfileName.GOROUTINE, null, "1", null, MAX).pprofAfterWindow()).isFalse();
	}

	@Test
	void attachmentNameShouldComeFromTheRequest() throws ProfileException {
		assertThat(ProfileRequest.parse(ProfileName.HEAP, "3", null, null, MAX).attachmentName())
			.isEqualTo("heap-delta");
		assertThat(ProfileRequest.parse(ProfileName.PROFILE, "3", null, null, MAX).attachmentName())
			.isEqualTo("profile");
		assertThat(ProfileRequest.parse(ProfileName.TRACE, null, null, null, MAX).attachmentName())
			.isEqualTo("trace.jfr");
	}

}
