package dev.jvmpprof.actuate;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.core.io.FileSystemResource;

import dev.jvmpprof.profile.ProfileOutput;

/**
 * A source's answer, held until the endpoint's operation returns it. The actuator writes an operation's answer only
 * after it returns, and a source can still fail until then (a busy profiler, a failed window), so bytes go to a
 * temporary file that the answer streams and then deletes; text is kept as the one string it is.
 */
final class SpooledAnswer implements ProfileOutput {

	private Path file;

	private OutputStream binary;

	private String text;

	@Override
	public OutputStream binary() throws IOException {
		if (this.binary == null) {
			this.file = Files.createTempFile("pprof-", ".bin");
			this.binary = Files.newOutputStream(this.file);
		}
		return this.binary;
	}

	@Override
	public void text(String text) {
		this.text = text;
	}

	/**
	 * Returns the answer to send.
	 * @return the text, or the bytes as a resource that deletes its file once read
	 * @throws IOException if the bytes cannot be completed
	 */
	WebEndpointResponse<Object> toResponse() throws IOException {
		if (this.text != null) {
			return new WebEndpointResponse<>(this.text, WebEndpointResponse.STATUS_OK, PprofEndpoint.TEXT_PLAIN);
		}
		binary().close();
		return new WebEndpointResponse<>(new TemporaryFileResource(this.file), WebEndpointResponse.STATUS_OK,
				PprofEndpoint.OCTET_STREAM);
	}

	/** Drops what a failed source wrote. */
	void discard() {
		if (this.file != null) {
			try {
				this.binary.close();
				Files.deleteIfExists(this.file);
			}
			catch (IOException ex) {
				// A temporary file: the system's cleaning removes what is left.
			}
		}
	}

	/** A file that is deleted once read, whichever way a web stack reads it. */
	private static final class TemporaryFileResource extends FileSystemResource {

		private final Path file;

		TemporaryFileResource(Path file) {
			super(file);
			this.file = file;
		}

		@Override
		public InputStream getInputStream() throws IOException {
			return new FilterInputStream(super.getInputStream()) {

				@Override
				public void close() throws IOException {
					try {
						super.close();
					}
					finally {
						Files.deleteIfExists(TemporaryFileResource.this.file);
					}
				}

			};
		}

		@Override
		public ReadableByteChannel readableChannel() throws IOException {
			ReadableByteChannel channel = super.readableChannel();
			return new ReadableByteChannel() {

				@Override
				public int read(ByteBuffer buffer) throws IOException {
					return channel.read(buffer);
				}

				@Override
				public boolean isOpen() {
					return channel.isOpen();
				}

				@Override
				public void close() throws IOException {
					try {
						channel.close();
					}
					finally {
						Files.deleteIfExists(TemporaryFileResource.this.file);
					}
				}

			};
		}

		@Override
		public boolean isFile() {
			// Not a file to the web stacks, which would send it by zero-copy without reading it through here.
			return false;
		}

	}

}
