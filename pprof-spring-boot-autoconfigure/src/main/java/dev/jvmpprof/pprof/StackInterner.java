package dev.jvmpprof.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Keeps one copy of each distinct frame and inline chain for tables that live as long as the application: JFR hands
 * out new strings and frames for every chunk it parses, so without this a table "since startup" would grow with the
 * events it has seen instead of with the distinct stacks in the program. Not thread-safe; guard it with the table.
 */
public final class StackInterner {

	private final Map<Frame, Frame> frames = new HashMap<>();

	private final Map<List<Frame>, List<Frame>> chains = new HashMap<>();

	/**
	 * Returns {@code stack} made of shared frames and chains.
	 * @param stack a stack, leaf first
	 * @return an equal stack whose parts are the first copies seen
	 */
	public List<List<Frame>> intern(List<List<Frame>> stack) {
		List<List<Frame>> interned = new ArrayList<>(stack.size());
		for (List<Frame> chain : stack) {
			List<Frame> shared = this.chains.get(chain);
			if (shared == null) {
				List<Frame> copy = new ArrayList<>(chain.size());
				for (Frame frame : chain) {
					copy.add(this.frames.computeIfAbsent(frame, (key) -> key));
				}
				shared = List.copyOf(copy);
				this.chains.put(shared, shared);
			}
			interned.add(shared);
		}
		return List.copyOf(interned);
	}

}
