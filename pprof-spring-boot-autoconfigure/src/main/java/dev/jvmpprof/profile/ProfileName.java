package dev.jvmpprof.profile;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The names the endpoint answers to: Go's, with their JVM meaning, plus {@code threads} as the JVM's name for
 * {@code goroutine}.
 */
public enum ProfileName {

	ALLOCS("allocs", ProfileKind.snapshot(1),
			"A sampling of all past memory allocations, at the stacks that allocated them."),

	BLOCK("block", ProfileKind.snapshot(1),
			"Stack traces that led to blocking on synchronization: monitors, locks, parking and waiting. "
			+ "Threads waiting for work (idle pool workers, reference handlers, timers) are left out."),

	CMDLINE("cmdline", ProfileKind.text(),
			"The command line of this JVM: launcher, JVM flags, main class or jar, and arguments."),

	GOROUTINE("goroutine", ProfileKind.snapshot(2),
			"Stack traces of all current threads. Alias: threads."),

	HEAP("heap", ProfileKind.snapshot(1),
			"A sampling of live objects at the stacks that allocated them. "
			+ "The gc parameter runs a full GC first."),

	MUTEX("mutex", ProfileKind.snapshot(1),
			"Stack traces of threads waiting for contended monitors and locks."),

	PROFILE("profile", ProfileKind.window(Duration.ofSeconds(30)),
			"CPU profile; read it with go tool pprof."),

	SYMBOL("symbol", ProfileKind.text(),
			"Symbol lookup for go tool pprof; never needed, since every profile carries its symbols."),

	THREADCREATE("threadcreate", ProfileKind.snapshot(1),
			"Stack traces that started new threads."),

	THREADS("threads", ProfileKind.snapshot(2),
			"Stack traces of all current threads (the same as goroutine)."),

	TRACE("trace", ProfileKind.recording(Duration.ofSeconds(5)),
			"A JDK Flight Recorder recording, for JDK Mission Control, IntelliJ IDEA or the jfr tool."),

	WALL("wall", ProfileKind.window(Duration.ofSeconds(30)),
			"Wall-clock profile: every thread sampled whether it runs, sleeps or waits.");

	/**
	 * The answer to a name that is none of these, Go's sentence followed by the names there are, so that a mistyped
	 * or capitalised name ({@code /Heap}) shows its correction.
	 */
	public static final String UNKNOWN_MESSAGE = "Unknown profile: the profiles are "
			+ Arrays.stream(values()).map(ProfileName::value).collect(Collectors.joining(", "));

	private final String value;

	private final ProfileKind kind;

	private final String description;

	ProfileName(String value, ProfileKind kind, String description) {
		this.value = value;
		this.kind = kind;
		this.description = description;
	}

	/**
	 * Returns the name as it appears in a URL.
	 * @return the name
	 */
	public String value() {
		return this.value;
	}

	/**
	 * Returns what kind of profile this is: what it answers, its window, its delta and text forms.
	 * @return the kind
	 */
	public ProfileKind kind() {
		return this.kind;
	}

	/**
	 * Returns a short description for the index and the page, with the default window where there is one.
	 * @return the description
	 */
	public String description() {
		if (!this.kind.windowed()) {
			return this.description;
		}
		return this.description + " The seconds parameter sets the duration (default "
				+ this.kind.defaultWindow().toSeconds() + ").";
	}

	/**
	 * Returns the name of the file a browser saves this profile as, Go's names.
	 * @param window whether the request asked for a window ({@code seconds}), which Go calls a delta
	 * @return the file name
	 */
	public String attachmentName(boolean window) {
		if (this.kind.answer() == ProfileKind.Answer.JFR) {
			return this.value + ".jfr";
		}
		// Go's handler names every answer with seconds NAME-delta but the CPU profile's.
		return (window && this != PROFILE) ? this.value + "-delta" : this.value;
	}

	/**
	 * Finds a profile by its URL name; names are case-sensitive, as Go's are.
	 * @param value the name from the URL
	 * @return the profile, or empty if none has that name
	 */
	public static Optional<ProfileName> find(String value) {
		return Arrays.stream(values()).filter((name) -> name.value.equals(value)).findFirst();
	}

	@Override
	public String toString() {
		return this.value.toLowerCase(Locale.ROOT);
	}

}
