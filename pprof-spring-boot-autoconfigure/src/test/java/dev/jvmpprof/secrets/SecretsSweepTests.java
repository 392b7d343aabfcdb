package dev.jvmpprof.secrets;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.ChildApplication;
import dev.jvmpprof.testing.Http;
import dev.jvmpprof.testing.TestApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No answer reveals what a service was started with: a secret in its command line (a system property and an
 * application argument), in its environment, or in the command line of another process on the same host is in none
 * of the bytes of any profile, text or page, the {@code trace} recording included, and even while the service runs
 * a Flight Recorder recording of its own with the JDK's default settings, whose events share {@code trace}'s chunks.
 */
class SecretsSweepTests {

	private static final String[] ANSWERS = { "", "/cmdline", "/symbol", "/goroutine", "/goroutine?debug=1",
			"/goroutine?debug=2", "/heap", "/heap?debug=1", "/allocs", "/allocs?debug=1", "/threadcreate",
			"/threadcreate?debug=1", "/block?seconds=1", "/mutex?seconds=1", "/profile?seconds=1", "/wall?seconds=1",
			"/nosuch", "/trace?seconds=2" };

	@Test
	void noAnswerShouldHoldASecretOfTheCommandLineTheEnvironmentOrAnotherProcess(@TempDir Path directory)
			throws Exception {
		Map<String, String> secrets = new LinkedHashMap<>();
		for (String where : List.of("system property", "argument", "environment", "other process")) {
			secrets.put(where, "s3cr3t" + UUID.randomUUID().toString().replace("-", ""));
		}
		// A process of someone else's on the host, its secret in its command line ("$0" of the shell).
		Process other = new ProcessBuilder("sh", "-c", "sleep 600; :", secrets.get("other process")).start();
		try (ChildApplication service = ChildApplication.start(TestApplication.class, directory,
				Map.of("APP_CLIENT_SECRET", secrets.get("environment")),
				List.of("-Dspring.datasource.password=" + secrets.get("system property"), "-XX:StartFlightRecording"),
				List.of("--app.api-token=" + secrets.get("argument")))) {
			// The service's own recording holds every secret: a trace made of the same chunks, unfiltered, would too.
			byte[] ownRecording = dumpOwnRecording(service, directory.resolve("own.jfr"));
			secrets.forEach((where, secret) -> assertThat(contains(ownRecording, secret))
				.as("the service's own recording holds the secret of the %s", where)
				.isTrue());

			Map<String, byte[]> answers = new LinkedHashMap<>();
			for (String path : ANSWERS) {
				answers.put(path, get(service, path));
			}
			answers.put("the index page", get(service, "", "Accept", "text/html"));
			answers.put("the heap page", get(service, "/heap", "Accept", "text/html"));
			List<String> found = new ArrayList<>();
			answers.forEach((answer, bytes) -> secrets.forEach((where, secret) -> {
				if (contains(bytes, secret)) {
					found.add("the secret of the " + where + " in " + answer);
				}
			}));
			assertThat(found).isEmpty();
			assertThat(new String(answers.get("/cmdline"), StandardCharsets.UTF_8))
				.contains("--app.api-token=******", "-Dspring.datasource.password=******");
			assertThatTheJdksToolReads(answers.get("/trace?seconds=2"), directory.resolve("trace.jfr"));
		}
		finally {
			other.destroyForcibly();
		}
	}

	private static byte[] get(ChildApplication service, String path, String... headers) throws IOException {
		HttpResponse<byte[]> response = Http.get(service.url("/actuator/pprof" + path), headers);
		assertThat(response.statusCode()).as(path).isIn(200, 404);
		return decompressed(response.body());
	}

	/** Profiles are gzip'd: a secret would be in the text they decompress to, not in their bytes. */
	private static byte[] decompressed(byte[] body) throws IOException {
		if (body.length < 2 || (body[0] & 0xFF) != 0x1F || (body[1] & 0xFF) != 0x8B) {
			return body;
		}
		try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return in.readAllBytes();
		}
	}

	/**
	 * Whether the bytes hold the secret in any of the encodings JFR and profile.proto write strings in: UTF-8 and
	 * Latin-1 (the same bytes for ASCII), or JFR's array of compressed chars (one byte each for ASCII).
	 */
	private static boolean contains(byte[] bytes, String secret) {
		return new String(bytes, StandardCharsets.ISO_8859_1).contains(secret);
	}

	private static byte[] dumpOwnRecording(ChildApplication service, Path file) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process dump = new ProcessBuilder(jcmd.toString(), Long.toString(service.pid()), "JFR.dump",
				"filename=" + file).redirectErrorStream(true).start();
		String output = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(dump.waitFor(60, TimeUnit.SECONDS)).as(output).isTrue();
		assertThat(dump.exitValue()).as(output).isZero();
		return Files.readAllBytes(file);
	}

	private static void assertThatTheJdksToolReads(byte[] trace, Path file) throws Exception {
		Files.write(file, trace);
		Path jfr = Path.of(System.getProperty("java.home"), "bin", "jfr");
		Process print = new ProcessBuilder(jfr.toString(), "print", file.toString()).redirectErrorStream(true)
			.start();
		byte[] printed = print.getInputStream().readAllBytes();
		assertThat(print.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String text = new String(printed, StandardCharsets.UTF_8);
		assertThat(print.exitValue()).as(text.substring(Math.max(0, text.length() - 2000))).isZero();
		assertThat(text).contains("jdk.CPULoad", "jdk.GCConfiguration").doesNotContain("jdk.JVMInformation");
	}

}
