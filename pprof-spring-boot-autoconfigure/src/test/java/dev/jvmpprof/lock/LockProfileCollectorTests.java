package dev.jvmpprof.lock;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;

import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.Contention;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.TakenProfile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class LockProfileCollectorTests {

	private static final SamplingSettings SETTINGS = new SamplingSettings(Duration.ofMillis(10),
			Duration.ofMillis(50), Duration.ofMillis(1));

	@Test
	void mutexShouldShowContendedMonitorsAndLocksButNotLatches() throws Exception {
		DecodedProfile profile = take(new MutexProfileCollector(new JfrEngine(SETTINGS), "off", "app"));
		assertThat(profile.sampleTypes()).containsExactly("contentions/count", "delay/nanoseconds");
		assertThat(profile.periodType()).isEqualTo("contentions/count");
		assertThat(profile.proto().getPeriod()).isOne();
		assertThat(profile.sumWhereStackContains(0, "Contention.holdMonitor")).isPositive();
		assertThat(profile.sumWhereStackContains(0, "Contention.holdLock")).isPositive();
		assertThat(profile.sumWhereStackContains(1, "Contention.holdMonitor")).isGreaterThan(10_000_000L);
		assertThat(profile.sumWhereStackContains(0, "Contention.awaitLatch")).isZero();
	}

	@Test
	void blockShouldAlsoShowParkingOnALatch() throws Exception {
		// Flight Recorder records a wait that starts and ends inside the window: the workload starts after the
		// window opens and releases the latch when it closes, before the window ends.
		DecodedProfile profile = takeWhile(new BlockProfileCollector(new JfrEngine(SETTINGS), "off", false, "app"));
		assertThat(profile.sumWhereStackContains(0, "Contention.holdLock")).isPositive();
		assertThat(profile.sumWhereStackContains(0, "Contention.awaitLatch")).isPositive();
	}

	@Test
	void blockShouldLeaveOutThreadsWaitingForWorkUnlessAsked() throws Exception {
		ScheduledExecutorService idle = Executors.newSingleThreadScheduledExecutor();
		try {
			// Its worker waits 20 ms in the executor's queue for each next run.
			idle.scheduleWithFixedDelay(() -> { }, 0, 20, TimeUnit.MILLISECONDS);
			DecodedProfile without = take(new BlockProfileCollector(new JfrEngine(SETTINGS), "off", false, "app"));
			DecodedProfile with = take(new BlockProfileCollector(new JfrEngine(SETTINGS), "off", true, "app"));
			assertThat(without.sumWhereStackContains(0, "Contention.holdLock")).isPositive();
			assertThat(without.sumWhereStackContains(0, "DelayedWorkQueue.take")).isZero();
			assertThat(with.sumWhereStackContains(0, "Contention.holdLock")).isPositive();
			assertThat(with.sumWhereStackContains(0, "DelayedWorkQueue.take")).isPositive();
		}
		finally {
			idle.shutdownNow();
		}
	}

	@Test
	void plainRequestsWhereWaitsAreNotRecordedSinceStartupShouldAnswerAnEmptyProfileSayingWhy() throws Exception {
		MutexProfileCollector collector = new MutexProfileCollector(new JfrEngine(SETTINGS),
				"lock waits are not recorded since startup: switch them on", "app");
		long start = System.nanoTime();
		TakenProfile response = TakenProfile.take(collector,
				new ProfileRequest(ProfileName.MUTEX, Optional.empty(), 0, false));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
		assertThat(response.attachmentName()).isEqualTo("mutex");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("contentions/count", "delay/nanoseconds");
		assertThat(profile.proto().getSampleCount()).isZero();
		assertThat(profile.proto().getCommentList()).extracting(profile::string)
			.containsExactly("lock waits are not recorded since startup: switch them on");
	}

	private static DecodedProfile take(LockProfileCollector collector) throws Exception {
		try (Contention contention = Contention.start()) {
			return decode(collector);
		}
	}

	/** Takes the profile while a workload starts and ends inside the window, so that latch waits complete. */
	private static DecodedProfile takeWhile(LockProfileCollector collector) throws Exception {
		Thread closer = new Thread(() -> {
			// Starting a recording can take a while on a busy machine: the workload starts once it records.
			await().atMost(Duration.ofMinutes(1))
				.pollInterval(Duration.ofMillis(10))
				.until(() -> FlightRecorder.getFlightRecorder()
					.getRecordings()
					.stream()
					.anyMatch((recording) -> "pprof".equals(recording.getName())
							&& recording.getState() == RecordingState.RUNNING));
			try (Contention contention = Contention.start()) {
				Thread.sleep(1000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		closer.start();
		try {
			return decode(collector, Duration.ofSeconds(4));
		}
		finally {
			closer.join();
		}
	}

	private static DecodedProfile decode(LockProfileCollector collector) throws Exception {
		return decode(collector, Duration.ofSeconds(2));
	}

	private static DecodedProfile decode(LockProfileCollector collector, Duration window) throws Exception {
		TakenProfile response = TakenProfile.take(collector,
				new ProfileRequest(collector.name(), Optional.of(window), 0, false));
		assertThat(response.attachmentName()).isEqualTo(collector.name().value() + "-delta");
		assertThat(collector.name()).isIn(ProfileName.BLOCK, ProfileName.MUTEX);
		return DecodedProfile.decode(response.body());
	}

}
