package dev.jvmpprof.profile;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfileDispatcherTests {

	private static final Duration MAX = Duration.ofMinutes(10);

	private static final ProfileSource GOROUTINE = source(ProfileName.GOROUTINE, "threads");

	@Test
	void serveShouldRouteANameToItsSource() throws Exception {
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(GOROUTINE), MAX);
		assertThat(serve(dispatcher, "goroutine", null, "1", null)).isEqualTo("threads");
	}

	@Test
	void threadsShouldBeTheJvmNameOfGoroutine() throws Exception {
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(GOROUTINE), MAX);
		assertThat(dispatcher.serves(ProfileName.THREADS)).isTrue();
		assertThat(serve(dispatcher, "threads", null, null, null)).isEqualTo("threads");
	}

	@Test
	void serveShouldAnswerUnknownNamesLikeGo() {
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(GOROUTINE), MAX);
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> serve(dispatcher, "Goroutine", null, null, null))
			.withMessage("Unknown profile: the profiles are allocs, block, cmdline, goroutine, heap, mutex, profile, "
					+ "symbol, threadcreate, threads, trace, wall")
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.NOT_FOUND);
	}

	@Test
	void serveShouldSayWhenAKnownProfileHasNoSource() {
		// A user who replaces the auto-configuration may leave some names without a source.
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(GOROUTINE), MAX);
		assertThat(dispatcher.serves(ProfileName.HEAP)).isFalse();
		assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> serve(dispatcher, "heap", null, null, null))
			.withMessage("the heap profile is not served by this version yet")
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.NOT_IMPLEMENTED);
	}

	@Test
	void serveShouldParseParametersBeforeTheSourceRuns() {
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(GOROUTINE), MAX);
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> serve(dispatcher, "goroutine", "-1", null, null))
			.withMessage("invalid value for \"seconds\" - must be a positive integer");
	}

	@Test
	void twoSourcesForOneNameShouldBeRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ProfileDispatcher(List.of(GOROUTINE, source(ProfileName.GOROUTINE, "again")), MAX))
			.withMessage("Two sources serve the goroutine profile");
	}

	/** Parses and serves a request, as the endpoint does, and returns the text answered. */
	private static String serve(ProfileDispatcher dispatcher, String name, String seconds, String debug, String gc)
			throws Exception {
		StringBuilder answer = new StringBuilder();
		dispatcher.serve(dispatcher.parse(name, seconds, debug, gc), new ProfileOutput() {

			@Override
			public OutputStream binary() {
				throw new AssertionError("a text answer was expected");
			}

			@Override
			public void text(String text) {
				answer.append(text);
			}

		});
		return answer.toString();
	}

	private static ProfileSource source(ProfileName name, String answer) {
		return new ProfileSource() {

			@Override
			public ProfileName name() {
				return name;
			}

			@Override
			public void take(ProfileRequest request, ProfileOutput output) throws IOException {
				output.text(answer);
			}

		};
	}

}
