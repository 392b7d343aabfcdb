package dev.jvmpprof.jfr;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.ProfileWriter;
import dev.jvmpprof.pprof.SampleTable;

/**
 * Writes the events of a window as samples, read with the JDK's reader: each event becomes a sample at its stack,
 * with the values and labels its profile gives it, and samples of the same stack and labels are merged. The path
 * of Flight Recorder's windows and of every lock window; where a {@link LabelCapture} ran alongside the window,
 * each sample also carries the labels its thread carried at the event's time.
 */
public final class WindowProfileEncoder {

	private WindowProfileEncoder() {
	}

	/**
	 * Reads the window and writes its samples.
	 * @param window the window's files and time span
	 * @param eventNames the JFR events that make samples
	 * @param samples what each event counts for
	 * @param valueCount the number of values of each sample: the profile's sample types
	 * @param labels the lookup of the labels threads carried during the window, or {@code null} for none
	 * @param writer the profile the samples go to
	 * @throws IOException if the recording cannot be read or the profile written
	 */
	public static void write(WindowEvents window, Set<String> eventNames, EventSamples samples, int valueCount,
			LabelCapture.Lookup labels, ProfileWriter writer) throws IOException {
		EventLabels carried = (labels != null) ? new EventLabels(labels) : null;
		StackConverter stacks = new StackConverter(writer);
		SampleTable table = new SampleTable(valueCount);
		window.forEach(eventNames, (event) -> {
			long[] values = samples.values(event);
			if (values != null) {
				List<Label> own = samples.labels(event);
				table.add(stacks.locationIds(event.getStackTrace()),
						(carried != null) ? carried.of(event, own, window.start()) : own, values);
			}
		});
		table.writeTo(writer);
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
