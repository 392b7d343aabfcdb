package dev.jvmpprof.goroutine;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.JsonParserFactory;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.ParkedThreads;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GoroutineProfileCollectorTests {

	private static final String PARK_HERE = "dev.jvmpprof.testing.ParkedThreads.parkHere";

	private final GoroutineProfileCollector collector = new GoroutineProfileCollector("test",
			JsonParserFactory.getJsonParser()::parseMap);

	@Test
	void pprofShouldMergeThreadsOfOneStackIntoOneSampleLabelledWithTheirState() throws Exception {
		TakenProfile response;
		try (ParkedThreads parked = ParkedThreads.start("parked", 3); ParkedThreads alone = ParkedThreads.start("alone", 1)) {
			response = take(null, null, ProfileName.GOROUTINE);
		}
		assertThat(response.format()).isEqualTo(TakenProfile.Format.BINARY);
		assertThat(response.attachmentName()).isEqualTo("goroutine");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.sampleTypes()).containsExactly("goroutine/count");
		assertThat(profile.periodType()).isEqualTo("goroutine/count");
		assertThat(profile.proto().getPeriod()).isEqualTo(1);
		assertThat(profile.proto().getDurationNanos()).isZero();
		assertThat(profile.proto().getTimeNanos()).isPositive();
		List<Sample> parkedSamples = samplesWith(profile, PARK_HERE);
		// The three and the lone thread have the same stack and state: Go merges them, and so do we.
		assertThat(parkedSamples).hasSize(1);
		Sample sample = parkedSamples.get(0);
		assertThat(sample.getValue(0)).isEqualTo(4);
		assertThat(profile.label(sample, "state")).isEqualTo("WAITING");
		assertThat(profile.label(sample, "thread")).isNull();
		assertThat(profile.frames(sample)).anySatisfy((frame) -> assertThat(frame)
			.matches("dev\\.jvmpprof\\.testing\\.ParkedThreads\\.parkHere dev/jvmpprof/testing/ParkedThreads\\.java:[1-9][0-9]*"));
		assertThat(profile.total(0)).isEqualTo(profile.proto().getSampleList().stream().mapToLong((s) -> s.getValue(0)).sum())
			.isGreaterThanOrEqualTo(5);
		for (Sample each : profile.proto().getSampleList()) {
			assertThat(profile.label(each, "state")).as("every sample has a state").isNotNull();
			assertThat(profile.label(each, "thread") == null).as("a thread label only on single threads")
				.isEqualTo(each.getValue(0) > 1);
		}
	}

	@Test
	void aThreadAloneOnItsStackShouldCarryItsName() throws Exception {
		DecodedProfile profile;
		try (Sleeper sleeper = new Sleeper()) {
			profile = DecodedProfile.decode(take(null, null, ProfileName.GOROUTINE).body());
		}
		Sample sample = samplesWith(profile, "Sleeper.sleepAlone").get(0);
		assertThat(sample.getValue(0)).isEqualTo(1);
		assertThat(profile.label(sample, "thread")).isEqualTo("sleeper");
		assertThat(profile.label(sample, "state")).isEqualTo("TIMED_WAITING");
	}

	@Test
	void threadsAliasShouldAnswerTheSameProfileUnderItsOwnName() throws Exception {
		TakenProfile response = take(null, null, ProfileName.THREADS);
		assertThat(response.attachmentName()).isEqualTo("threads");
		assertThat(DecodedProfile.decode(response.body()).sampleTypes()).containsExactly("goroutine/count");
	}

	@Test
	void debug1ShouldGroupThreadsAsGosLegacyText() throws Exception {
		String text;
		try (ParkedThreads parked = ParkedThreads.start("parked", 3)) {
			text = text(take(null, "1", ProfileName.GOROUTINE));
		}
		assertThat(text).startsWith("goroutine profile: total ");
		assertThat(text).containsPattern("(?m)^3 @( 0x[0-9a-f]+)+\\n# labels: \\{\"state\":\"WAITING\"\\}\\n"
				+ "(#\\t0x[0-9a-f]+\\t+\\S+\\t+\\S+:[0-9]+\\n)*"
				+ "#\\t0x[0-9a-f]+\\t+dev\\.jvmpprof\\.testing\\.ParkedThreads\\.parkHere\\t+dev/jvmpprof/testing/ParkedThreads\\.java:[1-9][0-9]*\\n");
		long total = Long.parseLong(text.lines().findFirst().orElseThrow().replaceAll("\\D", ""));
		long sum = text.lines().filter((line) -> line.matches("[0-9]+ @.*")).mapToLong((line) -> Long.parseLong(line.split(" ")[0])).sum();
		assertThat(sum).isEqualTo(total);
	}

	@Test
	void debug2ShouldDumpEveryThreadWithItsWholeStackAndLocks() throws Exception {
		Object monitor = new Object();
		ReentrantLock lock = new ReentrantLock();
		CountDownLatch held = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread holder = new Thread(() -> hold(monitor, lock, held, release, 12), "lock-holder");
		holder.setDaemon(true);
		holder.start();
		held.await(5, TimeUnit.SECONDS);
		Thread waiter = new Thread(() -> {
			synchronized (monitor) {
				monitor.hashCode();
			}
		}, "lock-waiter");
		waiter.setDaemon(true);
		waiter.start();
		while (waiter.getState() != Thread.State.BLOCKED) {
			Thread.sleep(1);
		}
		String text;
		try {
			text = text(take(null, "2", ProfileName.GOROUTINE));
		}
		finally {
			release.countDown();
			holder.join(5000);
			waiter.join(5000);
		}
		String monitorId = String.format("<0x%08x> (a java.lang.Object)", System.identityHashCode(monitor));
		assertThat(text).startsWith("Full thread dump ");
		assertThat(text).contains("\"lock-holder\" #" + holder.getId() + " daemon prio=5\n"
				+ "   java.lang.Thread.State: WAITING (parking)\n");
		assertThat(text).contains("\"lock-waiter\" #" + waiter.getId() + " daemon prio=5\n"
				+ "   java.lang.Thread.State: BLOCKED (on object monitor)\n");
		assertThat(text).contains("\t- waiting to lock " + monitorId + " owned by \"lock-holder\" #" + holder.getId() + "\n");
		assertThat(text).contains("\t- locked " + monitorId + "\n");
		assertThat(text).containsPattern("\\t- parking to wait for  <0x[0-9a-f]{8}> \\(a java\\.util\\.concurrent\\.CountDownLatch\\$Sync\\)\\n");
		assertThat(text).containsPattern("Locked ownable synchronizers:\\n\\t- <0x[0-9a-f]{8}> \\(a java\\.util\\.concurrent\\.locks\\.ReentrantLock\\$NonfairSync\\)");
		assertThat(text).contains("\tat jdk.internal.misc.Unsafe.park(java.base@").contains("/Native Method)\n");
		// The whole stack, not ThreadInfo.toString's first eight frames: twelve nested calls of hold.
		String holderDump = text.substring(text.indexOf("\"lock-holder\""), text.indexOf("\n\n\"", text.indexOf("\"lock-holder\"")));
		assertThat(holderDump.split("GoroutineProfileCollectorTests\\.hold\\(", -1)).hasSize(13);
	}

	@Test
	void secondsShouldAnswerTheThreadsThatChangedInTheWindow() throws Exception {
		TakenProfile response;
		try (ParkedThreads before = ParkedThreads.start("before", 2)) {
			CompletableFuture<TakenProfile> delta = CompletableFuture.supplyAsync(() -> {
				try {
					return take("1", null, ProfileName.GOROUTINE);
				}
				catch (Exception ex) {
					throw new IllegalStateException(ex);
				}
			});
			Thread.sleep(300);
			try (Sleeper during = new Sleeper()) {
				response = delta.get(10, TimeUnit.SECONDS);
			}
		}
		assertThat(response.attachmentName()).isEqualTo("goroutine-delta");
		DecodedProfile profile = DecodedProfile.decode(response.body());
		assertThat(profile.proto().getDurationNanos()).isEqualTo(1_000_000_000L);
		assertThat(samplesWith(profile, PARK_HERE)).as("threads there at both ends cancel out").isEmpty();
		assertThat(profile.sumWhereStackContains(0, "Sleeper.sleepAlone")).isEqualTo(1);
	}

	@Test
	void secondsWithDebugShouldBeRefusedAsGoRefusesThem() {
		assertThatExceptionOfType(ProfileException.class).isThrownBy(() -> take("1", "1", ProfileName.GOROUTINE))
			.withMessage("seconds and debug params are incompatible")
			.extracting(ProfileException::getReason)
			.isEqualTo(ProfileException.Reason.BAD_REQUEST);
	}

	private TakenProfile take(String seconds, String debug, ProfileName name) throws Exception {
		return TakenProfile.take(this.collector,
				ProfileRequest.parse(name, seconds, debug, null, Duration.ofMinutes(10)));
	}

	private static String text(TakenProfile response) {
		assertThat(response.format()).isEqualTo(TakenProfile.Format.TEXT);
		return new String(response.body(), StandardCharsets.UTF_8);
	}

	private static List<Sample> samplesWith(DecodedProfile profile, String function) {
		return profile.proto()
			.getSampleList()
			.stream()
			.filter((sample) -> profile.functionNames(sample).stream().anyMatch((name) -> name.contains(function)))
			.toList();
	}

	private static void hold(Object monitor, ReentrantLock lock, CountDownLatch held, CountDownLatch release, int depth) {
		if (depth > 1) {
			hold(monitor, lock, held, release, depth - 1);
			return;
		}
		synchronized (monitor) {
			lock.lock();
			try {
				held.countDown();
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				lock.unlock();
			}
		}
	}

	/** One thread named {@code sleeper}, alone in {@link #sleepAlone}. */
	static final class Sleeper implements AutoCloseable {

		private final Thread thread = new Thread(Sleeper::sleepAlone, "sleeper");

		Sleeper() throws InterruptedException {
			this.thread.setDaemon(true);
			this.thread.start();
			while (this.thread.getState() != Thread.State.TIMED_WAITING) {
				Thread.sleep(1);
			}
		}

		static void sleepAlone() {
			try {
				Thread.sleep(60_000);
			}
			catch (InterruptedException ex) {
				// Closed.
			}
		}

		@Override
		public void close() throws InterruptedException {
			this.thread.interrupt();
			this.thread.join(5000);
		}

	}

}
