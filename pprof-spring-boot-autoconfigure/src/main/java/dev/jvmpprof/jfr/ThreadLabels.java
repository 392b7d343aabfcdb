package dev.jvmpprof.jfr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

import dev.jvmpprof.pprof.Label;

/**
 * The {@code thread} label of recorded events (and {@code state}, where there is one), made once per distinct value:
 * a window holds a few threads and many samples.
 */
public final class ThreadLabels {

	private final Map<String, List<Label>> labels = new HashMap<>();

	private final String field;

	/**
	 * Creates the labels of events whose thread is in {@code field}.
	 * @param field the event field that holds the thread ({@code sampledThread}, {@code eventThread})
	 */
	public ThreadLabels(String field) {
		this.field = field;
	}

	/**
	 * Returns the labels of an event: its thread's Java name.
	 * @param event the event
	 * @return the labels, empty where the thread is unknown
	 */
	public List<Label> of(RecordedEvent event) {
		return this.labels.computeIfAbsent(threadName(event), (name) -> (name != null)
				? List.of(Label.of("thread", name)) : List.of());
	}

	/**
	 * Returns the labels of an event: its thread's Java name and a state.
	 * @param event the event
	 * @param state the thread's state, or {@code null}
	 * @return the labels
	 */
	public List<Label> of(RecordedEvent event, String state) {
		if (state == null) {
			return of(event);
		}
		String name = threadName(event);
		return this.labels.computeIfAbsent(name + "\0" + state, (key) -> (name != null)
				? List.of(Label.of("thread", name), Label.of("state", state)) : List.of(Label.of("state", state)));
	}

	private String threadName(RecordedEvent event) {
		// The event type keeps its fields in a map; RecordedEvent.hasField searches them one by one, per event.
		RecordedThread thread = (event.getEventType().getField(this.field) != null) ? event.getThread(this.field)
				: null;
		if (thread == null) {
			return null;
		}
		return (thread.getJavaName() != null) ? thread.getJavaName() : thread.getOSName();
	}

}
