package dev.jvmpprof.benchmarks.encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;

import com.sun.tools.attach.AgentInitializationException;
import com.sun.tools.attach.AgentLoadException;
import com.sun.tools.attach.AttachNotSupportedException;
import com.sun.tools.attach.VirtualMachine;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import dev.jvmpprof.benchmarks.load.SampleApp;
import dev.jvmpprof.benchmarks.load.Workspace;
import dev.jvmpprof.benchmarks.load.Wrk;

/**
 * Records the JFR files that the encoding benchmark converts, once: async-profiler is attached to the sample app
 * while wrk drives its hot paths, so the stacks are those of a real Spring MVC service.
 */
public final class Recordings {

	/** The recordings, each with the async-profiler events that make it. */
	public enum Recording {

		/** 30 s of CPU samples every 10 ms of CPU time, as {@code /profile} takes them. */
		CPU("cpu.jfr", "event=cpu,interval=10ms", "jdk.ExecutionSample", Duration.ofSeconds(30), 8, List.of()),

		/** 60 s of wall-clock samples every 50 ms of 200 Tomcat worker threads, busy or idle. */
		WALL("wall.jfr", "wall=50ms", "profiler.WallClockSample", Duration.ofSeconds(60), 50,
				List.of("--server.tomcat.threads.min-spare=200", "--server.tomcat.threads.max=200"));

		final String fileName;

		final String events;

		final String eventName;

		final Duration duration;

		final int connections;

		final List<String> appArgs;

		Recording(String fileName, String events, String eventName, Duration duration, int connections,
				List<String> appArgs) {
			this.fileName = fileName;
			this.events = events;
			this.eventName = eventName;
			this.duration = duration;
			this.connections = connections;
			this.appArgs = appArgs;
		}

		public String eventName() {
			return this.eventName;
		}

	}

	private final Workspace workspace;

	public Recordings(Workspace workspace) {
		this.workspace = workspace;
	}

	public Path directory() {
		return this.workspace.target().resolve("recordings");
	}

	public Path file(Recording recording) {
		return directory().resolve(recording.fileName);
	}

	/**
	 * Records each file that does not exist yet.
	 * @throws Exception if the sample app, wrk or the profiler fails
	 */
	public void ensure() throws Exception {
		for (Recording recording : Recording.values()) {
			if (!Files.isRegularFile(file(recording))) {
				record(recording);
			}
		}
	}

	private void record(Recording recording) throws Exception {
		System.out.printf("Recording %s: %s for %ds under load (once; kept in %s)%n", recording.fileName,
				recording.events, recording.duration.toSeconds(), directory());
		Files.createDirectories(directory());
		Path library = this.workspace.extract(nativeLibrary());
		Path partial = directory().resolve(recording.fileName + ".partial");
		Path mixed = this.workspace.extract("wrk/mixed.lua");
		Wrk load = Wrk.of(2, recording.connections, recording.duration).withScript(mixed);
		try (SampleApp app = SampleApp.startJar(this.workspace.sampleAppJar(), List.of("-Xmx1g"), recording.appArgs,
				this.workspace.log("record-" + recording.name().toLowerCase()))) {
			// Warm up first, so the recording holds a service in its steady state, not its startup.
			Wrk.of(2, recording.connections, Duration.ofSeconds(10)).withScript(mixed).run(app.uri("/"));
			profiler(app.pid(), library, "start," + recording.events + ",jfr,file=" + partial);
			try {
				load.run(app.uri("/"));
			}
			finally {
				profiler(app.pid(), library, "stop");
			}
		}
		Files.move(partial, file(recording), StandardCopyOption.REPLACE_EXISTING);
		Count count = count(file(recording), recording);
		System.out.printf("Recorded %s: %d events, %d samples, %d bytes%n", recording.fileName, count.events(),
				count.samples(), Files.size(file(recording)));
	}

	private static void profiler(long pid, Path library, String command)
			throws IOException, AttachNotSupportedException, AgentLoadException, AgentInitializationException {
		VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
		try {
			vm.loadAgentPath(library.toString(), command);
		}
		finally {
			vm.detach();
		}
	}

	private static String nativeLibrary() {
		String arch = System.getProperty("os.arch");
		return (arch.equals("aarch64") || arch.equals("arm64") ? "linux-arm64" : "linux-x64") + "/libasyncProfiler.so";
	}

	/**
	 * Counts the events a recording holds and the samples they stand for (async-profiler folds repeated wall-clock
	 * samples of an idle thread into one event with a {@code samples} count).
	 * @param file the recording
	 * @param recording which kind
	 * @return the counts
	 * @throws IOException if the file cannot be read
	 */
	public static Count count(Path file, Recording recording) throws IOException {
		long events = 0;
		long samples = 0;
		try (RecordingFile recordingFile = new RecordingFile(file)) {
			while (recordingFile.hasMoreEvents()) {
				RecordedEvent event = recordingFile.readEvent();
				if (event.getEventType().getName().equals(recording.eventName)) {
					events++;
					samples += event.hasField("samples") ? Math.max(1, event.getLong("samples")) : 1;
				}
			}
		}
		return new Count(events, samples);
	}

	/**
	 * What a recording holds.
	 *
	 * @param events the sample events
	 * @param samples the samples they stand for
	 */
	public record Count(long events, long samples) {
	}

}
