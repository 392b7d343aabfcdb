package dev.jvmpprof.jfr;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.engine.Window;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * Encodes the events of a window as a pprof profile, streamed as the recording is read: each event becomes a sample
 * at its stack, with the values and labels its profile gives it, and samples of the same stack and labels are
 * merged. The common path of the CPU, wall-clock and lock profiles; where a {@link LabelCapture} ran alongside the
 * window, each sample also carries the labels its thread carried at the event's time.
 */
public final class WindowProfileEncoder {

	private WindowProfileEncoder() {
	}

	/**
	 * Reads the window and writes the profile.
	 * @param recorded the finished window
	 * @param eventNames the JFR events that make samples
	 * @param header the profile-wide fields
	 * @param program the program's name, shown as {@code File:}
	 * @param samples what each event counts for
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, Set<String> eventNames, ProfileHeader header, String program,
			EventSamples samples, OutputStream out) throws IOException {
		encode(recorded, eventNames, header, program, samples, (LabelCapture.Lookup) null, out);
	}

	/**
	 * Reads the window and writes the profile, each sample labelled also with what its thread carried then.
	 * @param recorded the finished window
	 * @param eventNames the JFR events that make samples
	 * @param header the profile-wide fields
	 * @param program the program's name, shown as {@code File:}
	 * @param samples what each event counts for
	 * @param labels the labels threads carried during the window, or {@code null} for none
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, Set<String> eventNames, ProfileHeader header, String program,
			EventSamples samples, LabelCapture labels, OutputStream out) throws IOException {
		encode(recorded, eventNames, header, program, samples, (labels != null) ? labels.lookup() : null, out);
	}

	/**
	 * Reads the window and writes the profile, each sample labelled also with what its thread carried then.
	 * @param recorded the finished window
	 * @param eventNames the JFR events that make samples
	 * @param header the profile-wide fields
	 * @param program the program's name, shown as {@code File:}
	 * @param samples what each event counts for
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param out where the gzip'd profile goes; closed when done
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void encode(Window.Recorded recorded, Set<String> eventNames, ProfileHeader header, String program,
			EventSamples samples, LabelCapture.Lookup labels, OutputStream out) throws IOException {
		EventLabels carried = (labels != null) ? new EventLabels(labels) : null;
		try (ProfileWriter writer = new ProfileWriter(out, header, program)) {
			StackConverter stacks = new StackConverter(writer);
			SampleTable table = new SampleTable(header.sampleTypes().size());
			WindowEvents.forEach(recorded, eventNames, (event) -> {
				long[] values = samples.values(event);
				if (values != null) {
					List<Label> own = samples.labels(event);
					table.add(stacks.locationIds(event.getStackTrace()),
							(carried != null) ? carried.of(event, own, recorded.start()) : own, values);
				}
			});
			table.writeTo(writer);
		}
	}

	/** What one profile makes of an event. */
	public interface EventSamples {

		/**
		 * Returns the values of the event's sample.
		 * @param event the event
		 * @return one value per sample type, or {@code null} to leave the event out
		 */
		long[] values(RecordedEvent event);

		/**
		 * Returns the labels of the event's sample.
		 * @param event the event
		 * @return the labels
		 */
		List<Label> labels(RecordedEvent event);

	}

}
