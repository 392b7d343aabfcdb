package dev.jvmpprof.benchmarks.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A Markdown table of results with a title and notes, printed and kept in {@code target/results} for the run
 * script's summary.
 */
public final class Table {

	private final String title;

	private final List<String> columns;

	private final List<List<String>> rows = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	public Table(String title, String... columns) {
		this.title = title;
		this.columns = List.of(columns);
	}

	public Table row(Object... cells) {
		if (cells.length != this.columns.size()) {
			throw new IllegalArgumentException("A row of " + this.title + " needs " + this.columns.size() + " cells");
		}
		List<String> row = new ArrayList<>();
		for (Object cell : cells) {
			row.add(String.valueOf(cell));
		}
		this.rows.add(row);
		return this;
	}

	public Table note(String note) {
		this.notes.add(note);
		return this;
	}

	/**
	 * Prints the table and appends it to {@code file}.
	 * @param file the results file of this part
	 * @throws IOException if the file cannot be written
	 */
	public void publish(Path file) throws IOException {
		String text = toString();
		System.out.println();
		System.out.println(text);
		Files.createDirectories(file.getParent());
		Files.writeString(file, text + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("### ").append(this.title).append("\n\n");
		line(text, this.columns);
		text.append('|');
		this.columns.forEach((column) -> text.append(" --- |"));
		text.append('\n');
		this.rows.forEach((row) -> line(text, row));
		if (!this.notes.isEmpty()) {
			text.append('\n');
			this.notes.forEach((note) -> text.append(note).append('\n'));
		}
		return text.toString();
	}

	private static void line(StringBuilder text, List<String> cells) {
		text.append('|');
		cells.forEach((cell) -> text.append(' ').append(cell).append(" |"));
		text.append('\n');
	}

}
