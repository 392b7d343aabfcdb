package dev.jvmpprof.actuate;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.actuate.BadRequests.Request;
import dev.jvmpprof.testing.TestApplication;

@SpringBootTest(classes = TestApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "management.endpoints.web.exposure.include=pprof" })
class PprofBadRequestFuzzWebMvcTests extends AbstractPprofBadRequestFuzzTests {

	/**
	 * Tomcat answers 400 with its own page for a path with an encoded NUL or slash, or bytes that are not UTF-8,
	 * before any filter runs: only a valve of the user's server could change that answer.
	 */
	@Override
	protected boolean refusedByServerBeforeAnyFilter(Request request) {
		String path = request.path().split("\\?", 2)[0];
		String lower = path.toLowerCase(Locale.ROOT);
		return lower.contains("%00") || lower.contains("%2f") || !isUtf8(path);
	}

	private static boolean isUtf8(String percentEncoded) {
		ByteBuffer bytes = ByteBuffer.allocate(percentEncoded.length());
		for (int i = 0; i < percentEncoded.length(); i++) {
			char c = percentEncoded.charAt(i);
			if (c == '%' && i + 2 < percentEncoded.length()) {
				bytes.put((byte) Integer.parseInt(percentEncoded.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				bytes.put((byte) c);
			}
		}
		bytes.flip();
		try {
			StandardCharsets.UTF_8.newDecoder().decode(bytes);
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
