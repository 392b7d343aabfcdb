package dev.jvmpprof.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * A source's answer taken into memory, for the tests that read it without a server.
 *
 * @param body the bytes, text as UTF-8
 * @param format whether the source answered bytes or text
 * @param attachmentName the file name a browser saves the answer as
 */
public record TakenProfile(byte[] body, Format format, String attachmentName) {

	/**
	 * Takes a profile from a source.
	 * @param source the source
	 * @param request the request
	 * @return the answer
	 * @throws ProfileException as the source throws it
	 * @throws IOException as the source throws it
	 * @throws InterruptedException as the source throws it
	 */
	public static TakenProfile take(ProfileSource source, ProfileRequest request)
			throws ProfileException, IOException, InterruptedException {
		Output output = new Output();
		source.take(request, output);
		if (output.format == null) {
			throw new IllegalStateException(source.name() + " answered nothing");
		}
		return new TakenProfile(output.bytes.toByteArray(), output.format, request.attachmentName());
	}

	/**
	 * Returns the body as text.
	 * @return the text
	 */
	public String text() {
		return new String(this.body, StandardCharsets.UTF_8);
	}

	/** What a source answered. */
	public enum Format {

		BINARY, TEXT

	}

	private static final class Output implements ProfileOutput {

		private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

		private Format format;

		@Override
		public OutputStream binary() {
			answer(Format.BINARY);
			return this.bytes;
		}

		@Override
		public void text(String text) throws IOException {
			answer(Format.TEXT);
			this.bytes.write(text.getBytes(StandardCharsets.UTF_8));
		}

		private void answer(Format format) {
			if (this.format != null && this.format != format) {
				throw new IllegalStateException("answered both " + this.format + " and " + format);
			}
			this.format = format;
		}

	}

}
