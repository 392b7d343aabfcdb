package dev.jvmpprof.benchmarks.encoding;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import one.convert.Arguments;
import one.convert.JfrToPprof;
import one.jfr.JfrReader;

import dev.jvmpprof.cpu.CpuProfileCollector;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.wall.WallProfileCollector;

/**
 * The two ways to turn one recording into a gzip'd pprof profile: ours, through the same code the endpoint runs,
 * and async-profiler's {@code JfrToPprof}, as its {@code jfrconv --output pprof} runs it.
 */
public final class Encoders {

	private static final List<ValueType> CPU_SAMPLE_TYPES = List.of(new ValueType("samples", "count"),
			new ValueType("cpu", "nanoseconds"));

	private static final long CPU_PERIOD = Duration.ofMillis(10).toNanos();

	private static final Duration WALL_PERIOD = Duration.ofMillis(50);

	private Encoders() {
	}

	/**
	 * Encodes {@code file} as the endpoint does, reading it with async-profiler's reader:
	 * {@link CpuProfileCollector#encode} for CPU samples, the {@code wall} profile's collector for wall-clock
	 * samples, each looking up the labels threads carried, as profiles do.
	 * @param recording which kind of recording
	 * @param file the recording
	 * @param out where the profile goes
	 * @throws IOException if the file cannot be read or the profile written
	 */
	public static void ours(Recordings.Recording recording, Path file, OutputStream out) throws IOException {
		encode(recording, file, Window.Recorder.ASYNC_PROFILER, out);
	}

	/**
	 * Encodes {@code file} as {@link #ours} does, but read with the JDK's {@code jdk.jfr.consumer}, the path
	 * Flight Recorder's recordings take and async-profiler's took before.
	 * @param recording which kind of recording
	 * @param file the recording
	 * @param out where the profile goes
	 * @throws IOException if the file cannot be read or the profile written
	 */
	public static void oursJdkReader(Recordings.Recording recording, Path file, OutputStream out) throws IOException {
		encode(recording, file, Window.Recorder.FLIGHT_RECORDER, out);
	}

	private static void encode(Recordings.Recording recording, Path file, Window.Recorder recorder, OutputStream out)
			throws IOException {
		// A window wide enough to take every event of the file.
		Window.Recorded recorded = new Window.Recorded(List.of(file), Instant.EPOCH, Instant.now().plusSeconds(86_400),
				recorder);
		if (recording == Recordings.Recording.CPU) {
			ProfileHeader header = new ProfileHeader(CPU_SAMPLE_TYPES, CPU_SAMPLE_TYPES.get(1), CPU_PERIOD,
					System.currentTimeMillis() * 1_000_000, Duration.ofSeconds(30).toNanos(), null);
			try (LabelCapture labels = LabelTimeline.shared().capture()) {
				CpuProfileCollector.encode(recorded, header, "sample-app", labels.lookup(), out);
			}
			return;
		}
		try {
			WallProfileCollector collector = new WallProfileCollector(new RecordedEngine(recorded), WALL_PERIOD,
					"sample-app");
			byte[] profile = collector
				.take(new ProfileRequest(ProfileName.WALL, Optional.of(Duration.ofSeconds(60)), 0, false))
				.body();
			out.write(profile);
			out.close();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
		catch (dev.jvmpprof.profile.ProfileException ex) {
			throw new IOException(ex);
		}
	}

	/**
	 * Encodes {@code file} with async-profiler's converter, gzip'd as {@code jfrconv} does for a {@code .pb.gz}.
	 * @param file the recording
	 * @param threads whether to label samples with their thread ({@code --threads}), as ours always does
	 * @param out where the profile goes
	 * @throws IOException if the file cannot be read or the profile written
	 */
	public static void asyncProfiler(Path file, boolean threads, OutputStream out) throws IOException {
		Arguments arguments = threads ? new Arguments("--threads") : new Arguments();
		JfrToPprof converter;
		try (JfrReader jfr = new JfrReader(file.toString())) {
			converter = new JfrToPprof(jfr, arguments);
			converter.convert();
		}
		try (OutputStream gzip = new GZIPOutputStream(out, 4096)) {
			converter.dump(gzip);
		}
	}

	/** An engine whose one window is a recording that already exists: the collector reads it as it would a new one. */
	private record RecordedEngine(Window.Recorded recorded) implements SamplingEngine {

		@Override
		public String name() {
			return "recorded";
		}

		@Override
		public boolean supports(SampledEvent event) {
			return true;
		}

		@Override
		public Window open(Set<SampledEvent> events) {
			throw new UnsupportedOperationException("A recorded engine only replays its recording");
		}

		@Override
		public void sample(Set<SampledEvent> events, Duration duration, WindowReader reader) {
			try {
				reader.read(this.recorded);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}

	}

}
