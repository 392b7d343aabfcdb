package dev.jvmpprof.threadcreate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class ThreadCreateProfileCollectorTests {

	private static ThreadStartRecorder recorder;

	private static ThreadCreateProfileCollector collector;

	@BeforeAll
	static void startRecording() {
		recorder = new ThreadStartRecorder();
		recorder.start();
		collector = ThreadCreateProfileCollector.of(recorder, "test");
	}

	@AfterAll
	static void stopRecording() {
		recorder.close();
	}

	@Test
	void pprofShouldCountTheStacksThatStartedThreadsSinceRecordingStarted() throws Exception {
		startThreads(3);
		startPoolWorkers(2);
		TakenProfile response = take(null, null);
		assertThat(response.attachmentName()).isEqualTo("threadcreate");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("threadcreate/count");
		assertThat(profile.periodType()).isEqualTo("threadcreate/count");
		assertThat(profile.proto().getPeriod()).isEqualTo(1);
		assertThat(profile.proto().getDurationNanos()).isZero();
		Sample started = sampleWith(profile, "ThreadCreateProfileCollectorTests.startThreads");
		assertThat(started.getValue(0)).isEqualTo(3);
		// The stack is the starting thread's: the method that called Thread.start is on it.
		assertThat(profile.frames(started).get(0)).matches("dev\\.jvmpprof\\.threadcreate\\.ThreadCreateProfileCollectorTests"
				+ "\\.startThreads dev/jvmpprof/threadcreate/ThreadCreateProfileCollectorTests\\.java:[1-9][0-9]*");
		Sample pool = sampleWith(profile, "ThreadCreateProfileCollectorTests.startPoolWorkers");
		assertThat(pool.getValue(0)).isEqualTo(2);
		assertThat(profile.functionNames(pool).get(0)).isEqualTo("java.util.concurrent.ThreadPoolExecutor.addWorker");
	}

	@Test
	void secondsShouldCountOnlyTheThreadsStartedInTheWindow() throws Exception {
		startThreads(2);
		OpenWindow window = takeWindowOnceOpen("2");
		startThreadsInTheWindow(4);
		TakenProfile response = window.response().get(30, TimeUnit.SECONDS);
		assertThat(response.attachmentName()).isEqualTo("threadcreate-delta");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.proto().getDurationNanos()).isEqualTo(2_000_000_000L);
		assertThat(profile.sumWhereStackContains(0, "startThreadsInTheWindow")).isEqualTo(4);
		assertThat(profile.sumWhereStackContains(0, "ThreadCreateProfileCollectorTests.startThreads")).isEqualTo(4);
	}

	@Test
	void threadsStartedJustBeforeTheWindowEndsShouldBeCountedThoughDeliveredAfterIt() throws Exception {
		// The stream delivers about once a second: a start 0.5 s before the end mostly arrives after it. Where a busy
		// machine runs this thread so late that the window had ended, the start is in no window: take another.
		for (int attempt = 1; attempt <= 5; attempt++) {
			OpenWindow window = takeWindowOnceOpen("2");
			Thread.sleep(1500);
			startThreadsAtTheEnd(1);
			boolean startedInside = window.isOpen();
			DecodedProfile profile = DecodedProfile.decode(window.response().get(30, TimeUnit.SECONDS).body());
			if (startedInside) {
				assertThat(profile.sumWhereStackContains(0, "startThreadsAtTheEnd")).isEqualTo(1);
				return;
			}
		}
		throw new AssertionError("no start fell inside a window in 5 attempts");
	}

	/**
	 * Takes a window on another thread and returns once the window is open (its thread sleeps in it), so that
	 * what the test starts next falls inside it however late a busy machine runs that thread.
	 */
	private OpenWindow takeWindowOnceOpen(String seconds) {
		CompletableFuture<Thread> taker = new CompletableFuture<>();
		CompletableFuture<TakenProfile> window = CompletableFuture.supplyAsync(() -> {
			taker.complete(Thread.currentThread());
			try {
				return take(seconds, null);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		});
		OpenWindow open = new OpenWindow(taker.join(), window);
		await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(5)).until(open::isOpen);
		return open;
	}

	@Test
	void debug1ShouldBeGosGroupedText() throws Exception {
		startThreads(1);
		String text = new String(take(null, "1").body(), StandardCharsets.UTF_8);
		assertThat(text).startsWith("threadcreate profile: total ")
			.containsPattern("(?m)^[0-9]+ @( 0x[0-9a-f]+)+\\n#\\t0x[0-9a-f]+\\t+dev\\.jvmpprof\\.threadcreate\\."
					+ "ThreadCreateProfileCollectorTests\\.startThreads\\t+dev/jvmpprof/threadcreate/"
					+ "ThreadCreateProfileCollectorTests\\.java:[1-9][0-9]*\\n");
	}

	@Test
	void secondsWithDebugShouldBeRefused() {
		assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> take("1", "1"))
			.withMessage("seconds and debug params are incompatible");
	}

	@Test
	void aDisabledCollectorShouldAnswerUnavailableWithTheReason() {
		ThreadCreateProfileCollector disabled = ThreadCreateProfileCollector.disabled("switched off: set it on");
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> TakenProfile.take(disabled,
				ProfileRequest.parse(ProfileName.THREADCREATE, null, null, null, Duration.ofMinutes(1))))
			.withMessage("switched off: set it on")
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.UNAVAILABLE);
	}

	@Test
	void aClosedRecorderShouldAnswerUnavailableAndReleaseItsThread() throws Exception {
		// Other recorders may run in this JVM (the class's own, cached application contexts): count relative.
		long before = streamThreads();
		ThreadStartRecorder closed = new ThreadStartRecorder();
		closed.start();
		assertThat(closed.unavailableReason()).isNull();
		assertThat(awaitStreamThreads(before + 1)).isEqualTo(before + 1);
		closed.close();
		assertThat(closed.unavailableReason()).isEqualTo("thread starts are not being recorded: the recorder was closed");
		ThreadCreateProfileCollector collector = ThreadCreateProfileCollector.of(closed, "test");
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> TakenProfile.take(collector,
				ProfileRequest.parse(ProfileName.THREADCREATE, null, null, null, Duration.ofMinutes(1))))
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.UNAVAILABLE);
		assertThat(awaitStreamThreads(before)).as("the stream's thread is gone").isEqualTo(before);
	}

	private static long awaitStreamThreads(long expected) {
		// The stream's thread starts and stops a while after the recorder does, longer on a busy machine.
		await().atMost(Duration.ofMinutes(1))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> streamThreads() == expected);
		return streamThreads();
	}

	private static long streamThreads() {
		return Thread.getAllStackTraces().keySet().stream().filter((t) -> t.getName().startsWith("JFR Event Stream")).count();
	}

	private TakenProfile take(String seconds, String debug) throws Exception {
		return TakenProfile.take(collector,
				ProfileRequest.parse(ProfileName.THREADCREATE, seconds, debug, null, Duration.ofMinutes(10)));
	}

	private static Sample sampleWith(DecodedProfile profile, String function) {
		return profile.proto()
			.getSampleList()
			.stream()
			.filter((sample) -> profile.functionNames(sample).stream().anyMatch((name) -> name.endsWith(function)))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no sample with " + function));
	}

	static void startThreads(int count) throws InterruptedException {
		for (int i = 0; i < count; i++) {
			Thread thread = new Thread(() -> {
			}, "started-" + i);
			thread.start();
			thread.join();
		}
	}

	static void startThreadsInTheWindow(int count) throws InterruptedException {
		startThreads(count);
	}

	static void startThreadsAtTheEnd(int count) throws InterruptedException {
		startThreads(count);
	}

	static void startPoolWorkers(int count) throws Exception {
		ExecutorService pool = Executors.newFixedThreadPool(count);
		for (int i = 0; i < count; i++) {
			pool.submit(() -> {
			});
		}
		pool.shutdown();
		pool.awaitTermination(5, TimeUnit.SECONDS);
	}

	/** A window being taken on another thread. */
	private record OpenWindow(Thread taker, CompletableFuture<TakenProfile> response) {

		/** Whether the taker still sleeps in the window, which has therefore not ended. */
		boolean isOpen() {
			StackTraceElement[] stack = this.taker.getStackTrace();
			for (int i = 1; i < stack.length; i++) {
				if (stack[i].getClassName().equals(ThreadStartRecorder.class.getName())
						&& stack[i].getMethodName().equals("window")) {
					return stack[i - 1].getClassName().equals(Thread.class.getName())
							&& stack[i - 1].getMethodName().equals("sleep");
				}
			}
			return false;
		}

	}

}
