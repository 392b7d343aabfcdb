package dev.jvmpprof.labels;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.engine.AsyncProfilerEngine;
import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.pprof.Label;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recorded samples meet the label intervals of their thread: the engines' thread ids are Java thread ids, and their
 * timestamps agree with the interval clock. A thread switches between two labels every few milliseconds, each
 * around its own spinning method, so a sample whose stack is in one method must carry that method's label.
 */
class LabelClockTests {

	private static final SamplingSettings SETTINGS = new SamplingSettings(Duration.ofMillis(1),
			Duration.ofMillis(50), Duration.ofMillis(1));

	private static volatile double sink;

	@TempDir
	private Path directory;

	@Test
	void asyncProfilerSamplesShouldCarryTheLabelOfTheirMethod() throws Exception {
		assertSamplesMeetTheirIntervals(new AsyncProfilerEngine(SETTINGS), "jdk.ExecutionSample", "sampledThread");
	}

	@Test
	void flightRecorderSamplesShouldCarryTheLabelOfTheirMethod() throws Exception {
		assertSamplesMeetTheirIntervals(new JfrEngine(SETTINGS), "jdk.ExecutionSample", "sampledThread");
	}

	private void assertSamplesMeetTheirIntervals(SamplingEngine engine, String eventName, String threadField)
			throws Exception {
		LabelTimeline timeline = new LabelTimeline(100_000);
		Switcher switcher = new Switcher(timeline);
		switcher.start();
		try (LabelCapture capture = timeline.capture()) {
			List<RecordedEvent> samples = new ArrayList<>();
			engine.sample(Set.of(SampledEvent.CPU), Duration.ofSeconds(3), (recorded) -> read(recorded, eventName,
					switcher.getId(), threadField, samples));
			switcher.running = false;
			switcher.join();
			// How many samples meet the right label, with the lookup's offset shifted by up to 2 ms either way:
			// the best shift is the skew between the recording's clock and ours.
			int unshifted = matches(capture, samples, 0);
			long earliest = Long.MAX_VALUE;
			long latest = Long.MIN_VALUE;
			for (long shift = -1_000_000; shift <= 1_000_000; shift += 10_000) {
				if (matches(capture, samples, shift) == samples.size()) {
					earliest = Math.min(earliest, shift);
					latest = Math.max(latest, shift);
				}
			}
			// The shifts that keep every sample on its label bound the skew between the two clocks.
			System.out.printf("%s: %d samples, %d on their label; every one from %d us to %d us of shift%n",
					engine.name(), samples.size(), unshifted, earliest / 1000, latest / 1000);
			assertThat(samples).hasSizeGreaterThan(200);
			assertThat(unshifted).isGreaterThanOrEqualTo((int) (samples.size() * 0.97));
		}
	}

	private static int matches(LabelCapture capture, List<RecordedEvent> samples, long shift) {
		LabelCapture.Lookup lookup = new LabelCapture.Lookup(capture.recording(), WallClock.offsetNanos() + shift);
		int matches = 0;
		for (RecordedEvent sample : samples) {
			String phase = phase(sample);
			List<Label> labels = lookup.at(sample.getThread("sampledThread").getJavaThreadId(), sample.getStartTime());
			if (labels.equals(List.of(Label.of("phase", phase)))) {
				matches++;
			}
		}
		return matches;
	}

	private static String phase(RecordedEvent sample) {
		for (RecordedFrame frame : sample.getStackTrace().getFrames()) {
			String name = frame.getMethod().getName();
			if (name.equals("spinA")) {
				return "a";
			}
			if (name.equals("spinB")) {
				return "b";
			}
		}
		return "none";
	}

	private static void read(Window.Recorded recorded, String eventName, long threadId, String threadField,
			List<RecordedEvent> samples) throws IOException {
		recorded.events().forEach(Set.of(eventName), (event) -> {
			if (event.getThread(threadField) != null && event.getThread(threadField).getJavaThreadId() == threadId
					&& !phase(event).equals("none")) {
				samples.add(event);
			}
		});
	}

	/** Spins 3 ms labelled phase=a in spinA, then 3 ms labelled phase=b in spinB, and so on. */
	private static final class Switcher extends Thread {

		private final LabelTimeline timeline;

		private volatile boolean running = true;

		Switcher(LabelTimeline timeline) {
			super("label-switcher");
			this.timeline = timeline;
			setDaemon(true);
		}

		@Override
		public void run() {
			Map<String, String> a = Map.of("phase", "a");
			Map<String, String> b = Map.of("phase", "b");
			AtomicLong owner = new AtomicLong();
			while (this.running) {
				Object first = new Object();
				this.timeline.enter(first, (o) -> a);
				spinA();
				this.timeline.exit(first);
				Object second = new Object();
				this.timeline.enter(second, (o) -> b);
				spinB();
				this.timeline.exit(second);
				owner.incrementAndGet();
			}
		}

		static void spinA() {
			spin(3_000_000);
		}

		static void spinB() {
			spin(3_000_000);
		}

		static void spin(long nanos) {
			long end = System.nanoTime() + nanos;
			double sum = 0;
			while (System.nanoTime() < end) {
				for (int i = 1; i < 100; i++) {
					sum += Math.sqrt(i);
				}
			}
			sink = sum;
		}

	}

}
