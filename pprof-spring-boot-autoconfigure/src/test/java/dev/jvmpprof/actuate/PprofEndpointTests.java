package dev.jvmpprof.actuate;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;

import dev.jvmpprof.index.IndexPage;
import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The endpoint alone, built with {@code new}: what each answer and each failure of a source becomes.
 */
class PprofEndpointTests {

	private static final byte[] PROFILE = "gzip'd profile bytes".getBytes(StandardCharsets.UTF_8);

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void textShouldBeAnsweredAsUtf8TextWithoutConversion() {
		WebEndpointResponse<Object> response = endpoint((request, output) -> output.text("threads: \u00e9"))
			.profile("goroutine", null, "1", null);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo(PprofEndpoint.TEXT_PLAIN);
		assertThat(response.getBody()).isEqualTo("threads: \u00e9");
	}

	@Test
	void bytesShouldBeStreamedFromAFileThatIsDeletedOnceRead() throws IOException {
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			try (OutputStream out = output.binary()) {
				out.write(PROFILE);
			}
		}).profile("goroutine", null, null, null);
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).isEqualTo(PprofEndpoint.OCTET_STREAM);
		Resource body = (Resource) response.getBody();
		Path file = ((FileSystemResource) body).getFile().toPath();
		assertThat(body.isFile()).as("read through the resource, never sent as a file").isFalse();
		assertThat(body.contentLength()).isEqualTo(PROFILE.length);
		try (InputStream in = body.getInputStream()) {
			assertThat(in.readAllBytes()).isEqualTo(PROFILE);
		}
		assertThat(file).doesNotExist();
	}

	@Test
	void bytesShouldAlsoBeDeletedOnceReadThroughAChannel() throws IOException {
		Resource body = (Resource) endpoint((request, output) -> output.binary().write(PROFILE))
			.profile("goroutine", null, null, null)
			.getBody();
		Path file = ((FileSystemResource) body).getFile().toPath();
		try (ReadableByteChannel channel = body.readableChannel()) {
			assertThat(channel.read(ByteBuffer.allocate(64))).isEqualTo(PROFILE.length);
		}
		assertThat(file).doesNotExist();
	}

	@Test
	void eachReasonShouldGetItsStatusAndOneLine() {
		assertThat(failure(Reason.BAD_REQUEST)).isEqualTo(new PprofHttpConventions.Answer(400, "why\n"));
		assertThat(failure(Reason.NOT_FOUND).status()).isEqualTo(404);
		assertThat(failure(Reason.BUSY).status()).isEqualTo(429);
		assertThat(failure(Reason.UNAVAILABLE).status()).isEqualTo(503);
		assertThat(failure(Reason.NOT_IMPLEMENTED).status()).isEqualTo(501);
	}

	@Test
	void aSourceThatFailsAfterItBeganShouldLeaveAnErrorAndNoFile() throws IOException {
		Set<Path> before = temporaryFiles();
		Set<Path> during = new HashSet<>();
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			output.binary().write(PROFILE);
			during.addAll(temporaryFiles());
			during.removeAll(before);
			throw new ProfileException(Reason.BUSY, "the CPU profiler is busy");
		}).profile("goroutine", null, null, null);
		assertText(response, 429, "the CPU profiler is busy\n");
		assertThat(during).isNotEmpty().allSatisfy((file) -> assertThat(file).doesNotExist());
	}

	@Test
	void parametersShouldBeRefusedBeforeTheSourceRuns() {
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			throw new AssertionError("the source ran");
		}).profile("goroutine", "0", null, null);
		assertText(response, 400, "invalid value for \"seconds\" - must be a positive integer\n");
		assertText(endpoint((request, output) -> output.text("")).profile("Heap", null, null, null), 404,
				ProfileName.UNKNOWN_MESSAGE + "\n");
		assertText(endpoint((request, output) -> output.text("")).profile("heap", null, null, null), 501,
				"the heap profile is not served by this version yet\n");
	}

	@Test
	void anInterruptedWindowShouldBe503AndKeepTheInterrupt() {
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			throw new InterruptedException();
		}).profile("goroutine", null, null, null);
		assertText(response, 503, "the profile was interrupted\n");
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void aFailedWriteShouldBe500() {
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			throw new IOException("disk full");
		}).profile("goroutine", null, null, null);
		assertText(response, 500, "could not write the profile: disk full\n");
	}

	@Test
	void theSourceShouldGetTheParsedRequest() {
		ProfileRequest[] seen = new ProfileRequest[1];
		endpoint((request, output) -> {
			seen[0] = request;
			output.text("");
		}).profile("goroutine", null, "2", null);
		assertThat(seen[0].name()).isEqualTo(ProfileName.GOROUTINE);
		assertThat(seen[0].debug()).isEqualTo(2);
		assertThat(seen[0].text()).isTrue();
	}

	private static PprofHttpConventions.Answer failure(Reason reason) {
		WebEndpointResponse<Object> response = endpoint((request, output) -> {
			throw new ProfileException(reason, "why");
		}).profile("goroutine", null, null, null);
		assertThat(response.getContentType()).isEqualTo(PprofEndpoint.TEXT_PLAIN);
		return new PprofHttpConventions.Answer(response.getStatus(), (String) response.getBody());
	}

	private static void assertText(WebEndpointResponse<Object> response, int status, String text) {
		assertThat(response.getStatus()).isEqualTo(status);
		assertThat(response.getContentType()).isEqualTo(PprofEndpoint.TEXT_PLAIN);
		assertThat(response.getBody()).isEqualTo(text);
	}

	private static Set<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
			return files.filter((path) -> path.getFileName().toString().startsWith("pprof-"))
				.collect(Collectors.toSet());
		}
	}

	private static PprofEndpoint endpoint(Taker goroutine) {
		ProfileSource source = new ProfileSource() {

			@Override
			public ProfileName name() {
				return ProfileName.GOROUTINE;
			}

			@Override
			public void take(ProfileRequest request, ProfileOutput output)
					throws ProfileException, IOException, InterruptedException {
				goroutine.take(request, output);
			}

		};
		ProfileDispatcher dispatcher = new ProfileDispatcher(List.of(source), Duration.ofMinutes(10));
		return new PprofEndpoint(dispatcher, new IndexPage(dispatcher::serves, () -> "/actuator/pprof"));
	}

	@FunctionalInterface
	private interface Taker {

		void take(ProfileRequest request, ProfileOutput output)
				throws ProfileException, IOException, InterruptedException;

	}

}
