package dev.jvmpprof.pprof;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a count profile ({@code goroutine}, {@code threadcreate}) as Go's {@code ?debug=1} legacy text: a
 * {@code NAME profile: total N} line, then per merged sample its count, its labels and its frames.
 *
 * <p>Go's {@code @} line lists program counters; a JVM frame has none, so each distinct frame gets a small id,
 * numbered from 1 in order of first appearance and printed in hex ({@code 3 @ 0x1 0x2 0x3}). That keeps the text
 * readable by pprof's own legacy parser ({@code go tool pprof} on a saved {@code debug=1} file still counts the
 * samples), and each {@code #} line shows the id of its frame in the place of Go's address.
 */
public final class CountProfileText {

	private static final int TAB_WIDTH = 8;

	private CountProfileText() {
	}

	/**
	 * Formats {@code profile}, largest count first.
	 * @param name the profile name of the first line, which pprof's legacy parser takes as the sample type
	 * @param profile a profile with one value, a count
	 * @return the text
	 */
	public static String format(String name, StackProfile profile) {
		StringBuilder text = new StringBuilder(4096);
		text.append(name).append(" profile: total ").append(profile.total(0)).append('\n');
		Map<Frame, Integer> ids = new HashMap<>();
		for (StackProfile.Sample sample : profile.samplesByValue(0)) {
			text.append(sample.values()[0]);
			appendStack(text, sample, ids, true);
		}
		return text.toString();
	}

	/**
	 * Appends a sample's {@code @} line, its labels where asked and it has some, and its {@code #} frame lines, as
	 * Go's legacy text writes them after the sample's values.
	 * @param text where to append
	 * @param sample the sample
	 * @param ids the ids of the frames met so far, which new frames join
	 * @param withLabels whether to write a {@code # labels:} line
	 */
	static void appendStack(StringBuilder text, StackProfile.Sample sample, Map<Frame, Integer> ids,
			boolean withLabels) {
		List<String[]> rows = new ArrayList<>();
		text.append(" @");
		for (List<Frame> location : sample.stack()) {
			for (Frame frame : location) {
				String id = "0x" + Integer.toHexString(ids.computeIfAbsent(frame, (key) -> ids.size() + 1));
				rows.add(new String[] { "#", id, frame.function(), where(frame) });
			}
			// One id per location on the @ line, as Go lists one PC for a chain of inlined frames.
			text.append(' ').append(rows.get(rows.size() - 1)[1]);
		}
		text.append('\n');
		if (withLabels && !sample.labels().isEmpty()) {
			text.append("# labels: ").append(labels(sample.labels())).append('\n');
		}
		appendAligned(text, rows);
		text.append('\n');
	}

	private static String where(Frame frame) {
		String file = frame.file().isEmpty() ? "?" : frame.file();
		return file + ":" + frame.line();
	}

	private static String labels(List<Label> labels) {
		// Go's labelMap.String: {"key":"value", ...}, sorted.
		List<String> pairs = new ArrayList<>();
		for (Label label : labels) {
			String value = label.isString() ? label.str() : Long.toString(label.num());
			pairs.add(quote(label.key()) + ":" + quote(value));
		}
		pairs.sort(null);
		return "{" + String.join(", ", pairs) + "}";
	}

	private static String quote(String text) {
		return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
	}

	/**
	 * Appends tab-separated rows aligned as Go's {@code text/tabwriter} aligns them with tab padding: every column
	 * but the last is padded with tabs to the widest cell plus one, rounded up to a tab stop.
	 */
	private static void appendAligned(StringBuilder text, List<String[]> rows) {
		if (rows.isEmpty()) {
			return;
		}
		int columns = rows.get(0).length;
		int[] widths = new int[columns];
		for (String[] row : rows) {
			for (int column = 0; column < columns - 1; column++) {
				widths[column] = Math.max(widths[column], row[column].length() + 1);
			}
		}
		for (int column = 0; column < columns - 1; column++) {
			widths[column] = (widths[column] + TAB_WIDTH - 1) / TAB_WIDTH * TAB_WIDTH;
		}
		for (String[] row : rows) {
			for (int column = 0; column < columns - 1; column++) {
				text.append(row[column]);
				int tabs = (widths[column] - row[column].length() + TAB_WIDTH - 1) / TAB_WIDTH;
				text.append("\t".repeat(Math.max(tabs, 1)));
			}
			text.append(row[columns - 1]).append('\n');
		}
	}

}
