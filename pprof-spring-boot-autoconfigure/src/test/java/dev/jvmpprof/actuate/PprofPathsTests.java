package dev.jvmpprof.actuate;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PprofPathsTests {

	private static final String ENDPOINT = "/actuator/pprof";

	@Test
	void profileNameShouldBeTheSegmentUnderTheEndpoint() {
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof")).isEmpty();
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/heap")).isEqualTo("heap");
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/heap/x")).isEqualTo("heap/x");
	}

	@Test
	void profileNameShouldBeNullForOtherPaths() {
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprofx")).isNull();
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/health")).isNull();
		assertThat(PprofPaths.profileName(null, "/actuator/pprof")).isNull();
	}

	@Test
	void profileNameShouldTellGosIndexUrlWithItsTrailingSlash() {
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/")).isEqualTo(PprofPaths.INDEX_WITH_SLASH);
	}

	@Test
	void profileNameShouldBeDecodedAsTheSelectorSeesIt() {
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/h%65ap")).isEqualTo("heap");
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/a%2Fb")).isEqualTo("a/b");
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/a+b")).isEqualTo("a+b");
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/%zz")).isEqualTo("%zz");
	}

	@Test
	void profileNameShouldDropPathParameters() {
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/profile;jsessionid=1")).isEqualTo("profile");
		assertThat(PprofPaths.profileName(ENDPOINT, "/actuator/pprof/a;x/b")).isEqualTo("a/b");
	}

}
