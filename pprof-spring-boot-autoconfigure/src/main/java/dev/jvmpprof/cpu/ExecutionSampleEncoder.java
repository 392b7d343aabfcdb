package dev.jvmpprof.cpu;

import java.io.IOException;
import java.io.OutputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import dev.jvmpprof.engine.Window;
import dev.jvmpprof.jfr.StackConverter;
import dev.jvmpprof.jfr.WindowEvents;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * Encodes the {@code jdk.ExecutionSample} events of a window as a CPU profile: one sample per distinct stack and
 * thread, valued {@code [count, count * period]}, streamed as the recording is read.
 */
public final class ExecutionSampleEncoder {

	private static final Set<String> EXECUTION_SAMPLE = Set.of("jdk.ExecutionSample");

	private ExecutionSampleEncoder() {
	}

	/**
	 * Reads the window and writes the profile.
	 * @param recorded the finished window
	 * @param header the profile-wide fields; the period values each sample
	 * @param program the program's name, shown as {@code File:}
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, ProfileHeader header, String program, OutputStream out)
			throws IOException {
		long period = header.period();
		try (ProfileWriter writer = new ProfileWriter(out, header, program)) {
			StackConverter stacks = new StackConverter(writer);
			SampleTable samples = new SampleTable(header.sampleTypes().size());
			// One label list per thread, not per sample: a window holds a few threads and many samples.
			Map<String, List<Label>> threadLabels = new HashMap<>();
			WindowEvents.forEach(recorded, EXECUTION_SAMPLE, (event) -> samples.add(
					stacks.locationIds(event.getStackTrace()),
					threadLabels.computeIfAbsent(threadName(event, "sampledThread"), ExecutionSampleEncoder::threadLabel),
					1, period));
			samples.writeTo(writer);
		}
	}

	/**
	 * Returns the {@code thread} label of an event: the Java name of its thread.
	 * @param event the event
	 * @param field the field that holds the thread
	 * @return the labels
	 */
	public static List<Label> threadLabel(RecordedEvent event, String field) {
		return threadLabel(threadName(event, field));
	}

	private static List<Label> threadLabel(String name) {
		return (name != null) ? List.of(Label.of("thread", name)) : List.of();
	}

	private static String threadName(RecordedEvent event, String field) {
		// The event type keeps its fields in a map; RecordedEvent.hasField searches them one by one, per event.
		RecordedThread thread = (event.getEventType().getField(field) != null) ? event.getThread(field) : null;
		if (thread == null) {
			return null;
		}
		return (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
	}

}
