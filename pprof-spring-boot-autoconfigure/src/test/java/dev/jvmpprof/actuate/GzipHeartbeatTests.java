package dev.jvmpprof.actuate;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import org.junit.jupiter.api.Test;

import dev.jvmpprof.testing.GzipMembers;

import static org.assertj.core.api.Assertions.assertThat;

class GzipHeartbeatTests {

	private static final byte[] PROFILE = "a profile, as protobuf bytes would be".repeat(100).getBytes(StandardCharsets.UTF_8);

	@Test
	void beatsThenAProfileShouldBeOneGzipMemberOfTheProfile() throws IOException {
		Bytes answer = new Bytes();
		answer.write(GzipHeartbeat.first());
		answer.write(GzipHeartbeat.next());
		answer.write(GzipHeartbeat.next());
		GzipHeartbeat.Continuation body = new GzipHeartbeat.Continuation(answer);
		try (GZIPOutputStream gzip = new GZIPOutputStream(body)) {
			gzip.write(PROFILE);
		}
		assertThat(body.began()).isTrue();
		assertThat(GzipMembers.count(answer.bytes.toByteArray())).isOne();
		assertThat(gunzip(answer.bytes.toByteArray())).isEqualTo(PROFILE);
	}

	@Test
	void aBodyWrittenOneByteAtATimeShouldLoseItsHeaderToo() throws IOException {
		Bytes answer = new Bytes();
		answer.write(GzipHeartbeat.first());
		GzipHeartbeat.Continuation body = new GzipHeartbeat.Continuation(answer);
		for (byte b : gzip(PROFILE)) {
			body.write(b);
		}
		assertThat(GzipMembers.count(answer.bytes.toByteArray())).isOne();
		assertThat(gunzip(answer.bytes.toByteArray())).isEqualTo(PROFILE);
	}

	@Test
	void beatsWithNoProfileAfterThemShouldEndAsAnEmptyGzipStream() throws IOException {
		ByteArrayOutputStream answer = new ByteArrayOutputStream();
		answer.write(GzipHeartbeat.first());
		answer.write(GzipHeartbeat.next());
		answer.write(GzipHeartbeat.emptyEnd());
		assertThat(GzipMembers.count(answer.toByteArray())).isOne();
		assertThat(gunzip(answer.toByteArray())).isEmpty();
	}

	@Test
	void aBodyThatIsNotGzipShouldBeWrittenAsItIs() throws IOException {
		Bytes answer = new Bytes();
		GzipHeartbeat.Continuation body = new GzipHeartbeat.Continuation(answer);
		body.write("Could not take the profile".getBytes(StandardCharsets.UTF_8));
		assertThat(answer.bytes.toString(StandardCharsets.UTF_8)).isEqualTo("Could not take the profile");
	}

	private static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

	private static byte[] gunzip(byte[] bytes) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
			return in.readAllBytes();
		}
	}

	private static final class Bytes extends ServletOutputStream {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		@Override
		public void write(int b) {
			this.bytes.write(b);
		}

		@Override
		public boolean isReady() {
			return true;
		}

		@Override
		public void setWriteListener(WriteListener listener) {
		}

	}

}
