package dev.jvmpprof.actuate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.jvmpprof.testing.GzipMembers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The disconnect watch on a servlet response, without a server: beats while the window is open, the profile after
 * them as one gzip member, and the request thread interrupted once a beat cannot be written.
 */
class ClientWatchTests {

	private static final String DISPOSITION = "attachment; filename=\"profile\"";

	private static final byte[] PROFILE = "a profile".repeat(50).getBytes(StandardCharsets.UTF_8);

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void aClientThatWentAwayShouldInterruptTheRequestAndTheCloseShouldClearIt() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse() {

			@Override
			public ServletOutputStream getOutputStream() {
				return new Broken();
			}

		};
		try (ClientWatch watch = new ClientWatch(response, DISPOSITION)) {
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (!Thread.currentThread().isInterrupted() && System.nanoTime() < deadline) {
				Thread.onSpinWait();
			}
			assertThat(Thread.currentThread().isInterrupted()).as("interrupted by the watch").isTrue();
		}
		assertThat(Thread.currentThread().isInterrupted()).as("the server's thread goes back clean").isFalse();
	}

	@Test
	void beatsThenTheProfileShouldBeOneGzipDownload() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (ClientWatch watch = new ClientWatch(response, DISPOSITION)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> beats(response) >= 2);
			try (OutputStream out = new GZIPOutputStream(watch.getOutputStream())) {
				out.write(PROFILE);
			}
		}
		assertThat(response.getStatus()).isEqualTo(200);
		assertThat(response.getContentType()).startsWith("application/octet-stream");
		assertThat(response.getHeader("Content-Disposition")).isEqualTo(DISPOSITION);
		byte[] body = response.getContentAsByteArray();
		assertThat(GzipMembers.count(body)).isOne();
		assertThat(gunzip(body)).isEqualTo(PROFILE);
		assertThat(Thread.currentThread().isInterrupted()).isFalse();
	}

	@Test
	void beatsWithNoProfileAfterThemShouldStillBeAGzipStream() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (ClientWatch watch = new ClientWatch(response, DISPOSITION)) {
			await().atMost(Duration.ofSeconds(30)).until(() -> beats(response) >= 1);
		}
		assertThat(gunzip(response.getContentAsByteArray())).isEmpty();
	}

	@Test
	void anAnswerBeforeTheFirstCheckShouldPassThroughUnchanged() throws IOException {
		MockHttpServletResponse response = new MockHttpServletResponse();
		try (ClientWatch watch = new ClientWatch(response, DISPOSITION)) {
			watch.setStatus(429);
			watch.getWriter().write("the CPU profiler is busy\n");
		}
		assertThat(response.getStatus()).isEqualTo(429);
		assertThat(response.getContentAsString()).isEqualTo("the CPU profiler is busy\n");
		assertThat(response.getHeader("Content-Disposition")).isNull();
	}

	/** Returns how many beats were written: a gzip header and an empty block, then an empty block each. */
	private static int beats(MockHttpServletResponse response) {
		int length = response.getContentAsByteArray().length;
		return (length < 15) ? 0 : 1 + (length - 15) / 5;
	}

	private static byte[] gunzip(byte[] bytes) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
	}

	/** A connection whose client went away: every write fails, as a servlet container's does. */
	private static final class Broken extends ServletOutputStream {

		@Override
		public void write(int b) throws IOException {
			throw new IOException("Broken pipe");
		}

		@Override
		public boolean isReady() {
			return false;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

	}

}
