package dev.jvmpprof.goroutine;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.PlatformManagedObject;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.jvmpprof.goroutine.ThreadRecord.Blocker;
import dev.jvmpprof.goroutine.ThreadRecord.Lock;

/**
 * Dumps the virtual threads of Java 21 and later through the JDK's thread dump API,
 * {@code HotSpotDiagnosticMXBean.dumpThreads(file, JSON)}, called by reflection so that the code runs on Java 17,
 * where there are no virtual threads and the dump is empty.
 */
final class VirtualThreads {

	private static final Dumper DUMPER = Dumper.find();

	private final Function<String, Map<String, ?>> jsonParser;

	/**
	 * Creates a reader of the JDK's JSON thread dump.
	 * @param jsonParser reads a JSON object into maps, lists, strings, numbers and booleans
	 */
	VirtualThreads(Function<String, Map<String, ?>> jsonParser) {
		this.jsonParser = jsonParser;
	}

	/**
	 * Returns whether this JVM can dump virtual threads.
	 * @return whether {@link #dump} can find any
	 */
	static boolean supported() {
		return DUMPER != null;
	}

	/**
	 * Dumps the virtual threads.
	 * @param platformIds the ids of the platform threads already dumped, which the JSON dump holds too
	 * @return one record per virtual thread, empty on Java 17
	 * @throws IOException if the dump cannot be written or read
	 */
	List<ThreadRecord> dump(Set<Long> platformIds) throws IOException {
		if (DUMPER == null) {
			return List.of();
		}
		return parse(DUMPER.dumpJson(), platformIds);
	}

	/**
	 * Reads the virtual threads out of a JSON thread dump.
	 * @param json the dump
	 * @param platformIds the ids of known platform threads
	 * @return the virtual threads
	 */
	List<ThreadRecord> parse(String json, Set<Long> platformIds) {
		List<ThreadRecord> records = new ArrayList<>();
		Map<?, ?> dump = (Map<?, ?>) this.jsonParser.apply(json).get("threadDump");
		for (Object container : list(dump.get("threadContainers"))) {
			for (Object thread : list(((Map<?, ?>) container).get("threads"))) {
				ThreadRecord record = record((Map<?, ?>) thread);
				if (isVirtual((Map<?, ?>) thread, record, platformIds)) {
					records.add(record);
				}
			}
		}
		return records;
	}

	private static boolean isVirtual(Map<?, ?> thread, ThreadRecord record, Set<Long> platformIds) {
		if (thread.containsKey("state")) {
			// Java 25 and later: the dump states each thread's state and marks virtual threads. The least JSON
			// parsers give true as a string.
			return Boolean.parseBoolean(String.valueOf(thread.get("virtual")));
		}
		// Java 21 to 24 write tid, name and stack only: a thread that is no known platform thread is virtual.
		return !platformIds.contains(record.id());
	}

	private static ThreadRecord record(Map<?, ?> thread) {
		List<StackTraceElement> stack = new ArrayList<>();
		for (Object frame : list(thread.get("stack"))) {
			stack.add(StackTraceText.parse((String) frame));
		}
		Thread.State state = (thread.get("state") instanceof String name) ? state(name, stack) : stateOf(stack);
		Map<Integer, List<Lock>> locked = new HashMap<>();
		for (Object owned : list(thread.get("monitorsOwned"))) {
			Map<?, ?> monitors = (Map<?, ?>) owned;
			int depth = ((Number) monitors.get("depth")).intValue();
			for (Object lock : list(monitors.get("locks"))) {
				if (lock instanceof String identity) {
					locked.computeIfAbsent(depth, (key) -> new ArrayList<>()).add(Lock.parse(identity));
				}
			}
		}
		return new ThreadRecord(Long.parseLong(String.valueOf(thread.get("tid"))), String.valueOf(thread.get("name")),
				true, true, Thread.NORM_PRIORITY, state, stack, blocker(thread), locked, List.of());
	}

	private static Blocker blocker(Map<?, ?> thread) {
		if (thread.get("blockedOn") instanceof String lock) {
			return new Blocker(Blocker.Kind.WAITING_TO_LOCK, Lock.parse(lock), null, -1);
		}
		if (thread.get("waitingOn") instanceof String lock) {
			return new Blocker(Blocker.Kind.WAITING_ON, Lock.parse(lock), null, -1);
		}
		if (thread.get("parkBlocker") instanceof Map<?, ?> blocker && blocker.get("object") instanceof String lock) {
			return new Blocker(Blocker.Kind.PARKING, Lock.parse(lock), null, -1);
		}
		return null;
	}

	private static Thread.State state(String name, List<StackTraceElement> stack) {
		try {
			return Thread.State.valueOf(name);
		}
		catch (IllegalArgumentException ex) {
			return stateOf(stack);
		}
	}

	/**
	 * Guesses the state of a virtual thread from its stack where the dump does not say it (Java 21 to 24): an
	 * unmounted virtual thread's stack starts in {@code VirtualThread.park} or {@code parkNanos}.
	 */
	static Thread.State stateOf(List<StackTraceElement> stack) {
		for (StackTraceElement frame : stack) {
			if ("java.lang.VirtualThread".equals(frame.getClassName())) {
				if ("parkNanos".equals(frame.getMethodName())) {
					return Thread.State.TIMED_WAITING;
				}
				if ("park".equals(frame.getMethodName())) {
					return Thread.State.WAITING;
				}
			}
		}
		return Thread.State.RUNNABLE;
	}

	private static List<?> list(Object value) {
		return (value instanceof List<?> list) ? list : List.of();
	}

	/** The reflective call of {@code dumpThreads}. */
	private record Dumper(Object bean, Method dumpThreads, Object jsonFormat) {

		static Dumper find() {
			try {
				Class<?> beanType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean");
				Class<?> formatType = Class.forName("com.sun.management.HotSpotDiagnosticMXBean$ThreadDumpFormat");
				Method dumpThreads = beanType.getMethod("dumpThreads", String.class, formatType);
				Object json = formatType.getField("JSON").get(null);
				Object bean = ManagementFactory.getPlatformMXBean(beanType.asSubclass(PlatformManagedObject.class));
				return (bean != null) ? new Dumper(bean, dumpThreads, json) : null;
			}
			catch (ReflectiveOperationException | LinkageError | IllegalArgumentException ex) {
				// Java 17 (no dumpThreads), or a runtime without jdk.management: platform threads only.
				return null;
			}
		}

		String dumpJson() throws IOException {
			// dumpThreads wants an absolute path to a file that does not exist yet.
			Path directory = Files.createTempDirectory("pprof-threads");
			Path file = directory.resolve("threads.json");
			try {
				this.dumpThreads.invoke(this.bean, file.toString(), this.jsonFormat);
				return Files.readString(file, StandardCharsets.UTF_8);
			}
			catch (IllegalAccessException ex) {
				throw new IOException("Could not dump virtual threads", ex);
			}
			catch (InvocationTargetException ex) {
				throw new IOException("Could not dump virtual threads: " + ex.getCause(), ex.getCause());
			}
			finally {
				Files.deleteIfExists(file);
				Files.deleteIfExists(directory);
			}
		}

	}

}
