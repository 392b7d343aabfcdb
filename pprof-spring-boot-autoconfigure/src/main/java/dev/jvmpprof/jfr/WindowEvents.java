package dev.jvmpprof.jfr;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

import dev.jvmpprof.engine.Window;

/**
 * Reads the events of one window: the named kinds that ended within it (a wait belongs to the window in which
 * it ended, as in Go's profiles), from each of its files in turn.
 */
public final class WindowEvents {

	private WindowEvents() {
	}

	/**
	 * Hands each event of the window to {@code consumer}.
	 * @param recorded the finished window
	 * @param eventNames the JFR event names to keep
	 * @param consumer what to do with each
	 * @throws IOException if a file cannot be read
	 */
	public static void forEach(Window.Recorded recorded, Set<String> eventNames, EventConsumer consumer)
			throws IOException {
		for (Path file : recorded.files()) {
			try (RecordingFile events = new RecordingFile(file)) {
				while (events.hasMoreEvents()) {
					RecordedEvent event = events.readEvent();
					if (eventNames.contains(event.getEventType().getName()) && recorded.covers(event.getEndTime())) {
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
