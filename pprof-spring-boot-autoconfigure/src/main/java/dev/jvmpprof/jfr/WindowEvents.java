package dev.jvmpprof.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * The events of one window: the JFR files that cover it and its time span. Files may hold events outside the
 * window (other requests shared the session), so only those that ended within it are read: a wait belongs to the
 * window in which it ended, as in Go's profiles.
 *
 * @param files the JFR files, oldest first
 * @param start when the window opened
 * @param end when it finished
 */
public record WindowEvents(List<Path> files, Instant start, Instant end) {

	/**
	 * Returns whether an event that ended at {@code time} belongs to the window.
	 * @param time the event's end time
	 * @return whether it lies within the window
	 */
	public boolean covers(Instant time) {
		return !time.isBefore(this.start) && !time.isAfter(this.end);
	}

	/**
	 * Hands each event of the window of the named kinds to {@code consumer}, from each file in turn.
	 * @param eventNames the JFR event names to keep
	 * @param consumer what to do with each
	 * @throws IOException if a file cannot be read
	 */
	public void forEach(Set<String> eventNames, EventConsumer consumer) throws IOException {
		for (Path file : this.files) {
			try (RecordingFile events = new RecordingFile(file)) {
				while (events.hasMoreEvents()) {
					RecordedEvent event = events.readEvent();
					if (eventNames.contains(event.getEventType().getName()) && covers(event.getEndTime())) {
						consumer.accept(event);
					}
				}
			}
		}
	}

	/** Takes one event. */
	@FunctionalInterface
	public interface EventConsumer {

		void accept(RecordedEvent event) throws IOException;

	}

}
