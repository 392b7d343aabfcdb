package dev.jvmpprof.engine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jdk.jfr.Recording;

import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileException.Reason;

/**
 * Samples with the JDK's own Flight Recorder, on every platform and with no native library: the engine for where
 * async-profiler cannot load (Windows, a noexec temporary directory, another profiler attached). Each window is a
 * recording of its own, since Flight Recorder runs any number at once. It sees Java frames only and cannot sample
 * threads that do not run, so it serves no wall-clock profile.
 */
public final class JfrEngine implements SamplingEngine {

	private final SamplingSettings settings;

	public JfrEngine(SamplingSettings settings) {
		this.settings = settings;
	}

	@Override
	public String name() {
		return "JDK Flight Recorder";
	}

	@Override
	public boolean supports(SampledEvent event) {
		return event != SampledEvent.WALL;
	}

	@Override
	public Window open(Set<SampledEvent> events) throws ProfileException {
		if (events.contains(SampledEvent.WALL)) {
			throw new ProfileException(Reason.UNAVAILABLE,
					"wall-clock profiles need async-profiler, which is not available on this JVM");
		}
		Recording recording = new Recording();
		try {
			recording.setName("pprof");
			recording.setToDisk(true);
			if (events.contains(SampledEvent.CPU)) {
				recording.enable("jdk.ExecutionSample").withPeriod(this.settings.cpuInterval());
			}
			if (events.contains(SampledEvent.LOCK)) {
				Duration threshold = this.settings.lockThreshold();
				recording.enable("jdk.JavaMonitorEnter").withThreshold(threshold).withStackTrace();
				recording.enable("jdk.ThreadPark").withThreshold(threshold).withStackTrace();
				recording.enable("jdk.JavaMonitorWait").withThreshold(threshold).withStackTrace();
			}
			recording.start();
			return new JfrWindow(recording, Instant.now(), this.settings);
		}
		catch (RuntimeException ex) {
			recording.close();
			throw new ProfileException(Reason.UNAVAILABLE, "Flight Recorder could not start: " + ex.getMessage(), ex);
		}
	}

	private static final class JfrWindow implements Window {

		private final Recording recording;

		private final Instant start;

		private final SamplingSettings settings;

		private Path file;

		private Recorded recorded;

		JfrWindow(Recording recording, Instant start, SamplingSettings settings) {
			this.recording = recording;
			this.start = start;
			this.settings = settings;
		}

		@Override
		public synchronized Recorded finish() throws IOException {
			if (this.recorded == null) {
				Instant end = Instant.now();
				this.recording.stop();
				this.file = Files.createTempFile("pprof-", ".jfr");
				this.recording.dump(this.file);
				this.recorded = new Recorded(List.of(this.file), this.start, end, this.settings,
						SampleReader.FLIGHT_RECORDER);
			}
			return this.recorded;
		}

		@Override
		public synchronized void close() {
			this.recording.close();
			if (this.file != null) {
				try {
					Files.deleteIfExists(this.file);
				}
				catch (IOException ex) {
					this.file.toFile().deleteOnExit();
				}
			}
		}

	}

}
