package dev.jvmpprof.goroutine;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.jfr.JavaStacks;
import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.Label;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Groups threads as Go groups goroutines: one sample per distinct stack and state, valued with the number of threads
 * in it, labelled {@code state} and, where one thread alone has that stack, {@code thread} with its name.
 */
final class ThreadStacks {

	private static final List<List<Frame>> NO_FRAMES = List.of(List.of(Frame.named("[no Java frames]")));

	private ThreadStacks() {
	}

	/**
	 * Builds the profile of {@code threads}, largest group first.
	 * @param threads the threads
	 * @return a profile with one value, the thread count
	 */
	static StackProfile profile(List<ThreadRecord> threads) {
		Map<Group, List<ThreadRecord>> groups = new LinkedHashMap<>();
		for (ThreadRecord thread : threads) {
			List<List<Frame>> stack = thread.stack().isEmpty() ? NO_FRAMES
					: JavaStacks.of(thread.stack().toArray(new StackTraceElement[0]));
			groups.computeIfAbsent(new Group(stack, thread.state()), (key) -> new ArrayList<>()).add(thread);
		}
		List<Map.Entry<Group, List<ThreadRecord>>> sorted = new ArrayList<>(groups.entrySet());
		sorted.sort((a, b) -> Integer.compare(b.getValue().size(), a.getValue().size()));
		StackProfile profile = new StackProfile(1);
		for (Map.Entry<Group, List<ThreadRecord>> group : sorted) {
			List<ThreadRecord> members = group.getValue();
			List<Label> labels = new ArrayList<>(2);
			labels.add(Label.of("state", group.getKey().state().name()));
			if (members.size() == 1 && !members.get(0).name().isEmpty()) {
				labels.add(Label.of("thread", members.get(0).name()));
			}
			profile.add(group.getKey().stack(), labels, members.size());
		}
		return profile;
	}

	private record Group(List<List<Frame>> stack, Thread.State state) {
	}

}
