package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jvmpprof.pprof.Frame;
import dev.jvmpprof.pprof.StackProfile;

/**
 * Writes a heap profile as Go's {@code ?debug=1} text: the totals, then one record per allocation site and object
 * size, largest first, with its frames, then the JVM's heap figures where Go lists its {@code runtime.MemStats}.
 *
 * <p>Go's {@code @} line lists program counters; a JVM frame has none, so each distinct location gets a small id in
 * hex, numbered in order of first appearance, which the {@code #} lines repeat in the place of Go's addresses.
 */
final class HeapProfileText {

	private HeapProfileText() {
	}

	/**
	 * Formats {@code profile}.
	 * @param profile a profile with Go's four heap values
	 * @param interval the sampling interval, which Go prints as {@code heap/(2 * rate)}
	 * @param sortIndex the value to order the records by
	 * @return the text
	 */
	static String format(StackProfile profile, long interval, int sortIndex) {
		StringBuilder text = new StringBuilder(8192);
		text.append("heap profile: ");
		appendValues(text, profile.total(2), profile.total(3), profile.total(0), profile.total(1));
		text.append(" @ heap/").append(2 * interval).append('\n');
		Map<List<Frame>, String> ids = new HashMap<>();
		for (StackProfile.Sample sample : profile.samplesByValue(sortIndex)) {
			long[] values = sample.values();
			appendValues(text, values[2], values[3], values[0], values[1]);
			text.append(" @");
			List<String[]> rows = new ArrayList<>();
			for (List<Frame> location : sample.stack()) {
				String id = ids.computeIfAbsent(location, (key) -> "0x" + Integer.toHexString(ids.size() + 1));
				text.append(' ').append(id);
				for (Frame frame : location) {
					rows.add(new String[] { id, frame.function(), where(frame) });
				}
			}
			text.append('\n');
			appendFrames(text, rows);
			text.append('\n');
		}
		appendHeapFigures(text, interval);
		return text.toString();
	}

	private static void appendValues(StringBuilder text, long inuseObjects, long inuseBytes, long allocObjects,
			long allocBytes) {
		text.append(inuseObjects).append(": ").append(inuseBytes).append(" [").append(allocObjects).append(": ")
			.append(allocBytes).append(']');
	}

	private static String where(Frame frame) {
		return frame.file().isEmpty() ? "" : frame.file() + ":" + frame.line();
	}

	/** Aligns the columns as Go's {@code text/tabwriter} does with tab padding. */
	private static void appendFrames(StringBuilder text, List<String[]> rows) {
		int idWidth = 0;
		int functionWidth = 0;
		for (String[] row : rows) {
			idWidth = Math.max(idWidth, row[0].length() + 1);
			functionWidth = Math.max(functionWidth, row[1].length() + 1);
		}
		for (String[] row : rows) {
			text.append("#\t").append(row[0]).append(tabs(row[0], idWidth)).append(row[1]);
			if (!row[2].isEmpty()) {
				text.append(tabs(row[1], functionWidth)).append(row[2]);
			}
			text.append('\n');
		}
	}

	private static String tabs(String cell, int width) {
		int stop = (width + 7) / 8 * 8;
		return "\t".repeat(Math.max(1, (stop - cell.length() + 7) / 8));
	}

	private static void appendHeapFigures(StringBuilder text, long interval) {
		MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
		text.append("\n# java.lang.management heap\n");
		text.append("# HeapInUseAfterLastGC = ").append(HeapUsage.afterLastGc()).append('\n');
		text.append("# HeapUsed = ").append(heap.getUsed()).append('\n');
		text.append("# HeapCommitted = ").append(heap.getCommitted()).append('\n');
		text.append("# HeapMax = ").append(heap.getMax()).append('\n');
		text.append("# SampleInterval = ").append(interval).append('\n');
	}

}
