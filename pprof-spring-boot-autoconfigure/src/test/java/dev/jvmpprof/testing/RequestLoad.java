package dev.jvmpprof.testing;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Clients that request the given paths in turn, each as often as the others, until closed.
 */
public final class RequestLoad implements AutoCloseable {

	private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicLong requests = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile boolean running = true;

	private RequestLoad(String base, int clients, List<String> paths) {
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> run(base, paths), "request-load-" + i);
			thread.setDaemon(true);
			thread.start();
			this.threads.add(thread);
		}
	}

	/**
	 * Starts {@code clients} threads that request each of {@code paths} in turn.
	 * @param base the server's base URL, such as {@code http://localhost:8080}
	 * @param clients how many requests at a time
	 * @param paths the paths to request
	 * @return the load, to close when done
	 */
	public static RequestLoad start(String base, int clients, String... paths) {
		return new RequestLoad(base, clients, List.of(paths));
	}

	private void run(String base, List<String> paths) {
		int n = 0;
		while (this.running) {
			String path = paths.get(n++ % paths.size()).replace("{n}", Integer.toString(n));
			try {
				HttpResponse<Void> response = this.client.send(HttpRequest.newBuilder(URI.create(base + path)).build(),
						HttpResponse.BodyHandlers.discarding());
				(response.statusCode() == 200 ? this.requests : this.failures).incrementAndGet();
			}
			catch (Exception ex) {
				this.failures.incrementAndGet();
			}
		}
	}

	public long requests() {
		return this.requests.get();
	}

	public long failures() {
		return this.failures.get();
	}

	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(10_000);
		}
	}

}
