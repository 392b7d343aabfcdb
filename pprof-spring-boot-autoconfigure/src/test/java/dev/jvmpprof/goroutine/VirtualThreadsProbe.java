package dev.jvmpprof.goroutine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.boot.json.JsonParserFactory;

import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.TakenProfile;

/**
 * Run by {@link VirtualThreadsJava21Tests} on a Java 21+ JVM: parks {@value #THREADS} virtual threads in
 * {@link #parkHere} and writes the goroutine profile in its three forms to the files named by its arguments.
 */
public final class VirtualThreadsProbe {

	static final int THREADS = 1000;

	private VirtualThreadsProbe() {
	}

	public static void main(String[] args) throws Exception {
		CountDownLatch started = new CountDownLatch(THREADS);
		CountDownLatch release = new CountDownLatch(1);
		// Compiled for Java 17: the Java 21 factory is called by reflection.
		ExecutorService executor = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor")
			.invoke(null);
		for (int i = 0; i < THREADS; i++) {
			executor.submit(() -> parkHere(started, release));
		}
		started.await();
		Thread.sleep(300);
		GoroutineProfileCollector collector = new GoroutineProfileCollector("probe",
				JsonParserFactory.getJsonParser()::parseMap);
		String[] debug = { null, "1", "2" };
		for (int i = 0; i < 3; i++) {
			ProfileRequest request = ProfileRequest.parse(ProfileName.GOROUTINE, null, debug[i], null,
					Duration.ofMinutes(1));
			Files.write(Path.of(args[i]), TakenProfile.take(collector, request).body());
		}
		release.countDown();
		executor.shutdown();
		System.out.println("java " + Runtime.version() + ": " + THREADS + " virtual threads profiled");
		System.out.flush();
		Files.writeString(Path.of(args[2] + ".done"), "ok", StandardCharsets.UTF_8);
	}

	static void parkHere(CountDownLatch started, CountDownLatch release) {
		started.countDown();
		try {
			release.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
