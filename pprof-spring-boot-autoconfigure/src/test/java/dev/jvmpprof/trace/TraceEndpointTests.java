package dev.jvmpprof.trace;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code trace} profile over real HTTP on a real server: a JFR file the JDK's tools read.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class TraceEndpointTests {

	@LocalServerPort
	private int port;

	@Test
	void traceShouldDownloadAJfrFileNamedTraceJfr(@TempDir Path dir) throws Exception {
		HttpResponse<byte[]> response = Http.get("http://localhost:" + this.port + "/actuator/pprof/trace?seconds=1");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.headers().firstValue("Content-Type")).hasValue("application/octet-stream");
		assertThat(response.headers().firstValue("Content-Disposition")).hasValue("attachment; filename=\"trace.jfr\"");
		Path file = Files.write(dir.resolve("trace.jfr"), response.body());
		JfrTool.Result summary = JfrTool.run("summary", file.toString());
		assertThat(summary.exitCode()).as(summary.output()).isZero();
		assertThat(summary.output()).contains("jdk.ExecutionSample");
	}

}
