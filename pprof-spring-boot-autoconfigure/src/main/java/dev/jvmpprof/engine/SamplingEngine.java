package dev.jvmpprof.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;

import dev.jvmpprof.profile.ProfileException;

/**
 * A source of stack samples over windows of time; windows of different requests may overlap. Each window comes back
 * as JFR files with the period it was sampled at and the reader for its files, so the collectors read any engine's
 * windows the same way and value each sample at the engine's own interval.
 */
public interface SamplingEngine {

	/**
	 * Returns the engine's name, for logs and messages.
	 * @return the name
	 */
	String name();

	/**
	 * Returns whether this engine can sample {@code event} here.
	 * @param event the event
	 * @return whether {@link #open} accepts it
	 */
	boolean supports(SampledEvent event);

	/**
	 * Opens a window that samples {@code events} from now until {@link Window#finish()}.
	 * @param events what to sample
	 * @return the open window; close it however the request ends
	 * @throws ProfileException if the engine is busy or cannot sample these events here
	 */
	Window open(Set<SampledEvent> events) throws ProfileException;

	/**
	 * Samples {@code events} for {@code duration}, then hands the recordings to {@code reader} while they exist.
	 * @param events what to sample
	 * @param duration how long
	 * @param reader reads the finished window
	 * @throws ProfileException if the engine is busy or cannot sample these events here
	 * @throws IOException if the recording or the reader fails
	 * @throws InterruptedException if the request is abandoned while sampling
	 */
	default void sample(Set<SampledEvent> events, Duration duration, WindowReader reader)
			throws ProfileException, IOException, InterruptedException {
		try (Window window = open(events)) {
			Thread.sleep(duration.toMillis());
			reader.read(window.finish());
		}
	}

	/** Reads a finished window. */
	@FunctionalInterface
	interface WindowReader {

		void read(Window.Recorded recorded) throws IOException;

	}

}
