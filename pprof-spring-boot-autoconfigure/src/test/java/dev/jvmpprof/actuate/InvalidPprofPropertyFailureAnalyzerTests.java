package dev.jvmpprof.actuate;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A wrong {@code pprof.*} value stops a real application at startup with Spring Boot's "APPLICATION FAILED TO
 * START" report, which names the property, the value as written and where, and what the property takes.
 */
@ExtendWith(OutputCaptureExtension.class)
class InvalidPprofPropertyFailureAnalyzerTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			pprof.engine               | asyncprofiler | one of auto, async-profiler, jfr
			pprof.engine               | ''            | one of auto, async-profiler, jfr
			pprof.cpu.interval         | 0ms           | a positive duration, such as 10ms
			pprof.wall.interval        | -50ms         | a positive duration, such as 50ms
			pprof.lock.threshold       | -1ms          | zero or a positive duration, such as 1ms
			pprof.heap.sample-interval | 0KB           | a positive size, such as 512KB
			pprof.max-duration         | 500ms         | a duration of at least 1s, such as 10m
			pprof.lock.always-on       | sometimes     | one of auto, true, false
			""")
	void wrongValueShouldStopStartupNamingThePropertyAndWhatItTakes(String property, String value, String allowed,
			CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestApplication.class);
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> application.run("--server.port=0",
				"--spring.main.web-application-type=servlet", "--management.endpoints.web.exposure.include=pprof",
				"--" + property + "=" + value));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains("Invalid value '" + value + "' for " + property + " (from \"" + property
					+ "\" from property source \"commandLineArgs\"): it must be " + allowed + ".")
			.contains("Set " + property + " to " + allowed + ", or remove it to use the default.")
			.doesNotContain("\tat ");
	}

}
