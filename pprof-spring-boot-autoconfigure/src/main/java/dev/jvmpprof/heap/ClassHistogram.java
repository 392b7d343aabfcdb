package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import javax.management.JMException;
import javax.management.ObjectName;

import dev.jvmpprof.pprof.EpochNanos;

/**
 * The live instances and bytes of every type, as the JVM's class histogram counts them in the pause of a full
 * collection: exact, where the heap profile's live samples are a few dozen objects.
 *
 * <p>Why: the leak profiler keeps at most 256 sampled objects, of which a few dozen survive each collection, so a
 * site's share of the heap read from them alone was 0.2x-0.4x of what a leaking site held, and a bounded cache's
 * share swung by a third of its size from one answer to the next. A type's total is exact; only its split between
 * the sites that allocate the same type is estimated.
 */
final class ClassHistogram {

	private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";

	private final Map<String, long[]> byType;

	private final long startedNanos;

	private ClassHistogram(Map<String, long[]> byType, long startedNanos) {
		this.byType = byType;
		this.startedNanos = startedNanos;
	}

	/**
	 * Runs a full collection and counts what survived it, in one pause: what Go's {@code heap?gc=1} asks for.
	 * @return the histogram, or empty where the JVM has no class histogram command (the caller then collects
	 * itself)
	 */
	static Optional<ClassHistogram> afterFullGc() {
		Instant started = Instant.now();
		try {
			Object text = ManagementFactory.getPlatformMBeanServer()
				.invoke(new ObjectName(DIAGNOSTIC_COMMAND), "gcClassHistogram", new Object[] { new String[0] },
						new String[] { String[].class.getName() });
			return Optional.of(parse((String) text, EpochNanos.of(started)));
		}
		catch (JMException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Returns the counts of types counted elsewhere, such as in an old-generation marking.
	 * @param byType per Java type name, {@code [instances, bytes]}
	 * @param countedNanos when the count ran, in nanoseconds of the epoch
	 * @return the histogram
	 */
	static ClassHistogram of(Map<String, long[]> byType, long countedNanos) {
		return new ClassHistogram(Collections.unmodifiableMap(new HashMap<>(byType)), countedNanos);
	}

	/**
	 * Reads the command's text: a line {@code "  1:  18021  1243368  [B (java.base@17.0.15)"} per type.
	 * @param text the command's answer
	 * @param startedNanos when the command was run, in nanoseconds of the epoch
	 * @return the histogram by the type's Java name ({@code byte[]})
	 */
	static ClassHistogram parse(String text, long startedNanos) {
		Map<String, long[]> byType = new HashMap<>();
		for (String line : text.split("\n")) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length >= 4 && fields[0].endsWith(":") && isNumber(fields[1]) && isNumber(fields[2])) {
				long[] counts = byType.computeIfAbsent(JavaTypes.javaName(fields[3]), (type) -> new long[2]);
				counts[0] += Long.parseLong(fields[1]);
				counts[1] += Long.parseLong(fields[2]);
			}
		}
		return new ClassHistogram(Collections.unmodifiableMap(byType), startedNanos);
	}

	/**
	 * Returns the counts by type.
	 * @return per Java type name, {@code [instances, bytes]}
	 */
	Map<String, long[]> byType() {
		return this.byType;
	}

	/**
	 * Tells whether an object was allocated before the count began: one allocated after is not in it.
	 * @param object a live sample
	 * @return whether the count may hold it
	 */
	boolean mayCount(LiveObject object) {
		return object.allocated() < this.startedNanos;
	}

	/**
	 * Returns the bytes of every type together.
	 * @return the live bytes
	 */
	long totalBytes() {
		return this.byType.values().stream().mapToLong((counts) -> counts[1]).sum();
	}

	/**
	 * Returns the bytes of the types other than {@code types}.
	 * @param types the types to leave out, by Java name
	 * @return the live bytes of the others
	 */
	long bytesExcept(Set<String> types) {
		return this.byType.entrySet()
			.stream()
			.filter((type) -> !types.contains(type.getKey()))
			.mapToLong((type) -> type.getValue()[1])
			.sum();
	}

	private static boolean isNumber(String field) {
		return !field.isEmpty() && field.chars().allMatch(Character::isDigit);
	}

}
