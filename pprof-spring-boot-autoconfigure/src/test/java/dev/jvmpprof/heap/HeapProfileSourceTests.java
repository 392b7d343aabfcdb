package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HeapHoard;
import dev.jvmpprof.testing.TakenProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The heap and allocs profiles of a known workload, without Spring: what they must point at and how near their
 * estimates come to the truth.
 */
class HeapProfileSourceTests {

	private static final double MIB = 1024 * 1024;

	private static HeapSampler sampler;

	@BeforeAll
	static void startSampler() {
		// A service starts its sampler at startup, when little of its heap is alive; so does this test.
		System.gc();
		sampler = new HeapSampler(512 * 1024, HeapProfileSourceTests.class.getClassLoader());
		sampler.start();
	}

	@AfterAll
	static void stopSampler() {
		sampler.close();
	}

	@Test
	void inuseSpaceShouldPointAtTheMethodThatKeepsObjectsAliveAndReadNearTheirSize() throws Exception {
		DecodedProfile profile;
		try (HeapHoard hoard = HeapHoard.keep(64, 64 * 1024)) {
			HeapHoard.churn(512L << 20);
			profile = take(ProfileName.HEAP, Optional.empty(), true);
		}
		double kept = profile.sumWhereStackContains(3, "HeapHoard.keep") / MIB;
		// With gc=1 the long[] bytes are exact, and keep is the one site that keeps long[] arrays alive; what else of
		// that type the process allocated since sampling started is counted with it. Measured 64.07-64.08 MiB in 3
		// runs of this class; the margin is for the other long[] of a busier process.
		assertThat(kept).as("inuse_space at HeapHoard.keep in MiB").isBetween(63.0, 70.0);
		assertThat(profile.sumWhereStackContains(3, "HeapHoard.churn") / MIB).as("inuse_space at churn").isLessThan(8);
		Sample sample = sampleAt(profile, "HeapHoard.keep", 3);
		assertThat(profile.frames(sample).get(0)).isEqualTo("long[] :0");
		assertThat(profile.frames(sample).get(1)).matches("dev\\.jvmpprof\\.testing\\.HeapHoard\\.keep "
				+ "dev/jvmpprof/testing/HeapHoard\\.java:[1-9][0-9]*");
		assertThat(numericLabel(profile, sample, "bytes")).isEqualTo(64 * 1024);
		// Its share in objects of its size: measured 1,025.
		assertThat(sample.getValue(2)).as("inuse_objects of 1024 arrays").isBetween(1010L, 1100L);
	}

	@Test
	void heapWithGcShouldCountEachTypesLiveObjectsExactly() throws Exception {
		List<Order> orders = new ArrayList<>();
		DecodedProfile profile;
		try (HeapHoard hoard = HeapHoard.keep(16, 64 * 1024)) {
			for (int i = 0; i < 20_000; i++) {
				orders.add(new Order(i, "order-" + i));
			}
			HeapHoard.churn(64L << 20);
			profile = take(ProfileName.HEAP, Optional.empty(), true);
		}
		String order = Order.class.getName();
		long orderSize = JavaTypes.ofThisJvm(getClass().getClassLoader()).instanceSize(order);
		// Each sample's count is rounded to a whole number: the type's total is exact within one per sample.
		long orderSamples = profile.proto().getSampleList().stream()
			.filter((sample) -> profile.functionNames(sample).get(0).equals(order))
			.count();
		assertThat(profile.sumWhereStackContains(2, order)).as("inuse_objects of %s", order)
			.isCloseTo(orders.size(), within(orderSamples));
		assertThat(profile.sumWhereStackContains(3, order)).as("inuse_space of %s", order)
			.isEqualTo(orders.size() * orderSize);
		// Arrays allocated since sampling started, at the one site that keeps any: all of them at that site.
		assertThat(profile.sumWhereStackContains(3, "HeapHoard.keep") / MIB).as("inuse_space at HeapHoard.keep")
			.isBetween(16.0, 17.0);
		assertThat(profile.proto().getCommentList()).map(profile::string)
			.singleElement(STRING)
			.startsWith("inuse: the objects alive after the full collection this request ran");
		assertThat(orders).hasSize(20_000);
	}

	private record Order(long id, String name) {
	}

	@Test
	void liveSamplesShouldLeaveOutObjectsAllocatedBeforeSamplingStarted() throws Exception {
		try (HeapHoard hoard = HeapHoard.keep(64, 64 * 1024);
				HeapSampler later = new HeapSampler(512 * 1024, HeapProfileSourceTests.class.getClassLoader())) {
			HeapHoard.churn(256L << 20);
			later.start();
			// The leak profiler only reports samples that lived through a collection.
			System.gc();
			// Its queue is the JVM's: the later sampler's dump holds the hoard's samples too, as in a JVM where a
			// previous application still runs; they belong to the heap before it started, not to its samples.
			assertThat(sampler.liveObjects().objects()).as("the first sampler's live samples")
				.anyMatch(HeapProfileSourceTests::kept);
			assertThat(later.liveObjects().objects()).as("the later sampler's live samples")
				.noneMatch(HeapProfileSourceTests::kept);
		}
	}

	private static boolean kept(LiveObject object) {
		return object.site()
			.stack()
			.stream()
			.flatMap(List::stream)
			.anyMatch((frame) -> frame.function().endsWith("HeapHoard.keep"));
	}

	@Test
	void allocSpaceShouldPointAtTheMethodThatChurnsGarbageAndReadNearWhatItAllocated() throws Exception {
		DecodedProfile delta;
		double allocated;
		try (Churner churner = Churner.start()) {
			Thread.sleep(500);
			long before = churner.allocatedBytes();
			delta = take(ProfileName.ALLOCS, Optional.of(Duration.ofSeconds(3)), false);
			allocated = (churner.allocatedBytes() - before) / MIB;
		}
		double churned = delta.sumWhereStackContains(1, "HeapHoard.churn") / MIB;
		// The churner's own count spans the whole request, which includes up to two flush waits beyond the window;
		// and a thread's bytes are counted at its next sample. Measured: 70-95 % of the churner's count.
		assertThat(churned).as("alloc_space at churn in MiB, of %.0f MiB", allocated)
			.isBetween(allocated * 0.5, allocated * 1.2);
		assertThat(churned).as("share of all allocation").isGreaterThan(delta.total(1) / MIB * 0.5);
		Sample sample = sampleAt(delta, "HeapHoard.churn", 1);
		assertThat(delta.functionNames(sample).get(0)).isIn("byte[]", "java.lang.StringBuilder");
	}

	@Test
	void heapShouldHaveGosShapeAndLeaveTheDefaultSampleTypeUnset() throws Exception {
		DecodedProfile profile = take(ProfileName.HEAP, Optional.empty(), false);
		assertThat(profile.sampleTypes()).containsExactly("alloc_objects/count", "alloc_space/bytes",
				"inuse_objects/count", "inuse_space/bytes");
		assertThat(profile.periodType()).isEqualTo("space/bytes");
		assertThat(profile.proto().getPeriod()).isEqualTo(524288);
		assertThat(profile.proto().getDefaultSampleType()).isZero();
		assertThat(profile.proto().getDurationNanos()).isZero();
		assertThat(profile.proto().getTimeNanos()).isPositive();
		assertThat(profile.proto().getCommentList()).map(profile::string)
			.singleElement(STRING)
			.startsWith("inuse: as of the last garbage collection (")
			.contains("heap?gc=1");
	}

	@Test
	void allocsShouldDefaultToAllocSpace() throws Exception {
		DecodedProfile profile = take(ProfileName.ALLOCS, Optional.empty(), false);
		assertThat(profile.string(profile.proto().getDefaultSampleType())).isEqualTo("alloc_space");
	}

	@Test
	void secondsShouldAnswerTheDifferenceOverTheWindow() throws Exception {
		DecodedProfile delta;
		try (Churner churner = Churner.start()) {
			delta = take(ProfileName.HEAP, Optional.of(Duration.ofSeconds(2)), false);
		}
		assertThat(delta.proto().getDurationNanos()).isBetween(2_000_000_000L, 6_000_000_000L);
		assertThat(delta.sumWhereStackContains(1, "HeapHoard.churn") / MIB).isGreaterThan(64.0);
		assertThat(delta.proto().getSampleList()).allSatisfy(
				(sample) -> assertThat(sample.getValueList()).anyMatch((value) -> value != 0));
	}

	@Test
	void debugShouldAnswerGosTextForm() throws Exception {
		String text;
		try (HeapHoard hoard = HeapHoard.keep(8, 64 * 1024)) {
			TakenProfile response = TakenProfile.take(new HeapProfileSource(ProfileName.HEAP, sampler, "test"),
					new ProfileRequest(ProfileName.HEAP, Optional.empty(), 1, true));
			assertThat(response.format()).isEqualTo(TakenProfile.Format.TEXT);
			text = new String(response.body(), StandardCharsets.UTF_8);
		}
		assertThat(text).startsWith("heap profile: ").containsPattern("^heap profile: \\d+: \\d+ \\[\\d+: \\d+\\] @ heap/1048576\n")
			.containsPattern("\n\\d+: \\d+ \\[\\d+: \\d+\\] @ 0x[0-9a-f]+ 0x[0-9a-f]+")
			.containsPattern("\n#\t0x[0-9a-f]+\tlong\\[\\]\n#\t0x[0-9a-f]+\tdev\\.jvmpprof\\.testing\\.HeapHoard\\.keep\t+"
					+ "dev/jvmpprof/testing/HeapHoard\\.java:\\d+\n")
			.contains("\n# HeapInUseAfterLastGC = ");
	}

	@Test
	void secondsWithDebugShouldBeRejected() {
		assertThatExceptionOfType(ProfileException.class)
			// Refused when the request is parsed, before any source runs, as for every profile.
			.isThrownBy(() -> TakenProfile.take(new HeapProfileSource(ProfileName.HEAP, sampler, "test"),
					ProfileRequest.parse(ProfileName.HEAP, "1", "1", null, Duration.ofMinutes(10))))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.BAD_REQUEST))
			.withMessage("seconds and debug params are incompatible");
	}

	@Test
	void switchedOffShouldBeUnavailableWithHowToSwitchItOn() {
		assertThatExceptionOfType(ProfileException.class)
			.isThrownBy(() -> TakenProfile.take(new HeapProfileSource(ProfileName.ALLOCS, null, "test"),
					new ProfileRequest(ProfileName.ALLOCS, Optional.empty(), 0, false)))
			.satisfies((ex) -> assertThat(ex.getReason()).isEqualTo(Reason.UNAVAILABLE))
			.withMessageContaining("pprof.heap.enabled=true");
	}

	private static DecodedProfile take(ProfileName name, Optional<Duration> seconds, boolean gc) throws Exception {
		TakenProfile response = TakenProfile.take(new HeapProfileSource(name, sampler, "test"),
					new ProfileRequest(name, seconds, 0, gc));
		assertThat(response.attachmentName()).isEqualTo(name.attachmentName(seconds.isPresent()));
		return DecodedProfile.decode(response.body());
	}

	private static Sample sampleAt(DecodedProfile profile, String function, int valueIndex) {
		return profile.proto()
			.getSampleList()
			.stream()
			.filter((sample) -> profile.functionNames(sample).stream().anyMatch((name) -> name.contains(function)))
			.max((a, b) -> Long.compare(a.getValue(valueIndex), b.getValue(valueIndex)))
			.orElseThrow();
	}

	private static long numericLabel(DecodedProfile profile, Sample sample, String key) {
		return sample.getLabelList()
			.stream()
			.filter((label) -> profile.string(label.getKey()).equals(key))
			.mapToLong((label) -> label.getNum())
			.findFirst()
			.orElseThrow();
	}

	/** A thread that churns garbage steadily, about 300 MiB a second, until closed. */
	private static final class Churner implements AutoCloseable {

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Thread thread = new Thread(this::run, "churner");

		static Churner start() {
			Churner churner = new Churner();
			churner.thread.start();
			return churner;
		}

		private void run() {
			while (this.running.get()) {
				HeapHoard.churn(16L << 20);
				LockSupport.parkNanos(50_000_000L);
			}
		}

		long allocatedBytes() {
			return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
				.getThreadAllocatedBytes(this.thread.getId());
		}

		@Override
		public void close() throws InterruptedException {
			this.running.set(false);
			this.thread.join(5000);
		}

	}

}
