package dev.jvmpprof.benchmarks.load;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Requests one profile after another, as a continuous profiler would, until closed; closing waits for the request
 * in flight, so the next measurement starts with nothing sampling.
 */
public final class ProfileLoop implements AutoCloseable {

	private static final int MAX_REQUESTS = 1000;

	private final Thread thread;

	private volatile boolean stopped;

	private int answered;

	private int failed;

	private long bytes;

	private ProfileLoop(URI profile) {
		this.thread = new Thread(() -> loop(profile), "profile-loop");
		this.thread.setDaemon(true);
	}

	/**
	 * Starts requesting {@code profile} in a loop.
	 * @param profile such as {@code http://127.0.0.1:8080/actuator/pprof/profile?seconds=5}
	 * @return the running loop
	 * @throws InterruptedException if interrupted while letting the first window open
	 */
	public static ProfileLoop start(URI profile) throws InterruptedException {
		ProfileLoop loop = new ProfileLoop(profile);
		loop.thread.start();
		// Let the first window open before the load starts.
		Thread.sleep(300);
		return loop;
	}

	private void loop(URI profile) {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		HttpRequest request = HttpRequest.newBuilder(profile).timeout(Duration.ofMinutes(2)).build();
		for (int i = 0; i < MAX_REQUESTS && !this.stopped; i++) {
			try {
				HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
				synchronized (this) {
					if (response.statusCode() == 200 && response.body().length > 0) {
						this.answered++;
						this.bytes += response.body().length;
					}
					else {
						this.failed++;
					}
				}
			}
			catch (IOException ex) {
				synchronized (this) {
					this.failed++;
				}
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	public synchronized int answered() {
		return this.answered;
	}

	public synchronized int failed() {
		return this.failed;
	}

	public synchronized long bytes() {
		return this.bytes;
	}

	@Override
	public void close() throws InterruptedException {
		this.stopped = true;
		this.thread.join(Duration.ofMinutes(2).toMillis());
	}

}
