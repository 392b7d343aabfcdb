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

import dev.jvmpprof.engine.SampleReader;
import dev.jvmpprof.engine.SampledEvent;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.sampled.SampledProfileCollector;

/**
 * The two ways to turn one recording into a gzip'd pprof profile: ours, through the same code the endpoint runs,
 * and async-profiler's {@code JfrToPprof}, as its {@code jfrconv --output pprof} runs it.
 */
public final class Encoders {

	// The intervals the recordings were taken at, which value their samples.
	private static final SamplingSettings SETTINGS = new SamplingSettings(Duration.ofMillis(10), Duration.ofMillis(50),
			Duration.ofMillis(1));

	private Encoders() {
	}

	/**
	 * Encodes {@code file} as the endpoint does, reading it with async-profiler's reader:
	 * {@link SampledProfileCollector#encode} for CPU samples, the {@code wall} profile's collector for wall-clock
	 * samples, each looking up the labels threads carried, as profiles do.
	 * @param recording which kind of recording
	 * @param file the recording
	 * @param out where the profile goes
	 * @throws IOException if the file cannot be read or the profile written
	 */
	public static void ours(Recordings.Recording recording, Path file, OutputStream out) throws IOException {
		encode(recording, file, SampleReader.ASYNC_PROFILER, out);
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
		encode(recording, file, SampleReader.FLIGHT_RECORDER, out);
	}

	private static void encode(Recordings.Recording recording, Path file, SampleReader reader, OutputStream out)
			throws IOException {
		// A window wide enough to take every event of the file.
		Window.Recorded recorded = new Window.Recorded(List.of(file), Instant.EPOCH, Instant.now().plusSeconds(86_400),
				SETTINGS, reader);
		RecordedEngine engine = new RecordedEngine(recorded);
		if (recording == Recordings.Recording.CPU) {
			try (LabelCapture labels = LabelTimeline.shared().capture()) {
				SampledProfileCollector.cpu(engine, "sample-app").encode(recorded, labels.lookup(), out);
			}
			return;
		}
		try {
			SampledProfileCollector collector = SampledProfileCollector.wall(engine, "sample-app");
			collector.take(new ProfileRequest(ProfileName.WALL, Optional.of(Duration.ofSeconds(60)), 0, false),
					new ProfileOutput() {

						@Override
						public OutputStream binary() {
							return out;
						}

						@Override
						public void text(String text) {
							throw new IllegalStateException("the wall profile answers pprof");
						}

					});
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
