package dev.jvmpprof.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A plain HTTP client for tests against the real server, sending what {@code go tool pprof} sends.
 */
public final class Http {

	private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private Http() {
	}

	public static HttpResponse<byte[]> get(String url, String... headers) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).GET();
		if (headers.length > 0) {
			request.headers(headers);
		}
		return send(request.build());
	}

	public static HttpResponse<byte[]> head(String url) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.method("HEAD", HttpRequest.BodyPublishers.noBody())
			.build());
	}

	public static HttpResponse<byte[]> post(String url, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.timeout(Duration.ofSeconds(60))
			.header("Content-Type", "application/octet-stream")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build());
	}

	public static String text(HttpResponse<byte[]> response) {
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static HttpResponse<byte[]> send(HttpRequest request) {
		try {
			return CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
