package dev.jvmpprof.cpu;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * Encodes the {@code jdk.ExecutionSample} events of a JFR recording as a CPU profile: one sample per distinct stack
 * and thread, valued {@code [count, count * period]}, streamed as the recording is read.
 */
public final class ExecutionSampleEncoder {

	private static final String EXECUTION_SAMPLE = "jdk.ExecutionSample";

	private ExecutionSampleEncoder() {
	}

	/**
	 * Reads {@code recording} and writes the profile.
	 * @param recording the JFR file
	 * @param header the profile-wide fields; the period values each sample
	 * @param program the program's name, shown as {@code File:}
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Path recording, ProfileHeader header, String program, OutputStream out)
			throws IOException {
		long period = header.period();
		try (ProfileWriter writer = new ProfileWriter(out, header, program);
				RecordingFile events = new RecordingFile(recording)) {
			StackConverter stacks = new StackConverter(writer);
			SampleTable samples = new SampleTable(header.sampleTypes().size());
			while (events.hasMoreEvents()) {
				RecordedEvent event = events.readEvent();
				if (EXECUTION_SAMPLE.equals(event.getEventType().getName())) {
					samples.add(stacks.locationIds(event.getStackTrace()), threadLabel(event), 1, period);
				}
			}
			samples.writeTo(writer);
		}
	}

	/**
	 * Returns the {@code thread} label of a sample: the Java name of the sampled thread.
	 * @param event the sample
	 * @return the labels
	 */
	static List<Label> threadLabel(RecordedEvent event) {
		RecordedThread thread = event.getThread("sampledThread");
		if (thread == null) {
			return List.of();
		}
		String name = (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
		return (name != null) ? List.of(Label.of("thread", name)) : List.of();
	}

}
