package dev.jvmpprof.labels;

import java.util.Map;

/**
 * Gives the labels of something a thread works on, such as a request whose route is only known once it has been
 * mapped. Asked when a profile is encoded, possibly on another thread and after the work has ended, so it must
 * answer from what it kept rather than from objects a server recycles.
 */
@FunctionalInterface
public interface LabelSource {

	/**
	 * Returns the labels of {@code owner}.
	 * @param owner what the thread entered with these labels
	 * @return the labels, keys to values; empty where there are none
	 */
	Map<String, String> labelsOf(Object owner);

}
