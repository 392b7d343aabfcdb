package dev.jvmpprof.actuate;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.actuate.PprofHttpConventions.Answer;
import dev.jvmpprof.profile.ProfileName;

import static org.assertj.core.api.Assertions.assertThat;

class PprofHttpConventionsTests {

	private static final Answer UNKNOWN = new Answer(404, ProfileName.UNKNOWN_MESSAGE + "\n");

	@Test
	void readsShouldBeLeftToTheEndpoint() {
		assertThat(PprofHttpConventions.answerBeforeEndpoint("GET", "heap", "/actuator/pprof")).isNull();
		assertThat(PprofHttpConventions.answerBeforeEndpoint("HEAD", "", "/actuator/pprof")).isNull();
		assertThat(PprofHttpConventions.answerBeforeEndpoint("OPTIONS", "heap", "/actuator/pprof")).isNull();
	}

	@Test
	void symbolLookupsShouldGetGosFirstLineAlone() {
		assertThat(PprofHttpConventions.answerBeforeEndpoint("POST", "symbol", "/actuator/pprof"))
			.isEqualTo(new Answer(200, "num_symbols: 1\n"));
	}

	@Test
	void writesShouldGet405OrUnknownProfile() {
		assertThat(PprofHttpConventions.answerBeforeEndpoint("DELETE", "heap", "/actuator/pprof"))
			.isEqualTo(new Answer(405, "the heap profile is read with GET\n"));
		assertThat(PprofHttpConventions.answerBeforeEndpoint("POST", "", "/actuator/pprof"))
			.isEqualTo(new Answer(405, "the pprof index is read with GET\n"));
		assertThat(PprofHttpConventions.answerBeforeEndpoint("PUT", "nosuch", "/actuator/pprof"))
			.isEqualTo(UNKNOWN);
	}

	@Test
	void deeperPathsShouldGetUnknownProfileWhateverTheMethod() {
		assertThat(PprofHttpConventions.answerBeforeEndpoint("GET", "heap/x", "/actuator/pprof"))
			.isEqualTo(UNKNOWN);
		assertThat(PprofHttpConventions.answerBeforeEndpoint("POST", "symbol/x", "/actuator/pprof"))
			.isEqualTo(UNKNOWN);
	}

	@Test
	void frameworkClientErrorsShouldGetOneSentenceAndOthersBeLeftAlone() {
		assertThat(PprofHttpConventions.frameworkError(406).body()).startsWith("no answer matches the Accept header");
		assertThat(PprofHttpConventions.frameworkError(415)).isEqualTo(new Answer(415, "a pprof request takes no body\n"));
		assertThat(PprofHttpConventions.frameworkError(413)).isEqualTo(new Answer(413, "Content Too Large\n"));
		assertThat(PprofHttpConventions.frameworkError(500)).isNull();
		assertThat(PprofHttpConventions.frameworkError(302)).isNull();
	}

	@Test
	void gosIndexUrlShouldRedirectToTheIndex() {
		assertThat(PprofHttpConventions.answerBeforeEndpoint("GET", PprofPaths.INDEX_WITH_SLASH, "/app/debug/pprof"))
			.isEqualTo(new Answer(301, "the pprof index is at /app/debug/pprof\n", "/app/debug/pprof"));
		assertThat(PprofHttpConventions.answerBeforeEndpoint("POST", PprofPaths.INDEX_WITH_SLASH, "/debug/pprof")
			.status()).isEqualTo(405);
	}

}
