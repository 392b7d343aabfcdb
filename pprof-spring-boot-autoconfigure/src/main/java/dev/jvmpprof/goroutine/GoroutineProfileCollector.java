package dev.jvmpprof.goroutine;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import dev.jvmpprof.pprof.CountProfileText;
import dev.jvmpprof.pprof.ProfileHeader;
import dev.jvmpprof.pprof.StackProfile;
import dev.jvmpprof.pprof.ValueType;
import dev.jvmpprof.profile.ProfileException;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileOutput;
import dev.jvmpprof.profile.ProfileRequest;
import dev.jvmpprof.profile.ProfileSource;

/**
 * Takes the {@code goroutine} profile (alias {@code threads}): every live thread, virtual ones too on Java 21 and
 * later, grouped by stack and state as Go groups goroutines; as pprof, as Go's grouped text ({@code debug=1}), as a
 * {@code jstack}-style dump ({@code debug=2}), or as the difference of two snapshots ({@code seconds}).
 */
public final class GoroutineProfileCollector implements ProfileSource {

	static final ValueType COUNT = new ValueType("goroutine", "count");

	private final String program;

	private final VirtualThreads virtualThreads;

	/**
	 * Creates a collector.
	 * @param program the program's name, shown by clients as {@code File:}
	 * @param jsonParser reads a JSON object into maps, lists, strings, numbers and booleans; the JDK writes the
	 * virtual threads of Java 21 and later only as JSON
	 */
	public GoroutineProfileCollector(String program, Function<String, Map<String, ?>> jsonParser) {
		this.program = program;
		this.virtualThreads = new VirtualThreads(jsonParser);
	}

	@Override
	public ProfileName name() {
		return ProfileName.GOROUTINE;
	}

	@Override
	public void take(ProfileRequest request, ProfileOutput output)
			throws ProfileException, IOException, InterruptedException {
		if (request.debug() == 2) {
			output.text(ThreadDumpText.format(threads(true)));
			return;
		}
		if (request.debug() == 1) {
			// Go's legacy parser reads the first word as the sample type: goroutine, as in the pprof form.
			output.text(CountProfileText.format(COUNT.type(), ThreadStacks.profile(threads(false))));
			return;
		}
		Instant start = Instant.now();
		StackProfile profile = ThreadStacks.profile(threads(false));
		Duration window = request.seconds().orElse(Duration.ZERO);
		if (!window.isZero()) {
			Thread.sleep(window.toMillis());
			profile = ThreadStacks.profile(threads(false)).minus(profile);
		}
		ProfileHeader header = ProfileHeader.of(List.of(COUNT), COUNT, 1, start, window);
		profile.writeTo(output.binary(), header, this.program);
	}

	/**
	 * Dumps every live thread: platform threads, then virtual threads where the JVM has them.
	 * @param locks whether to find the locks platform threads hold, which only the full dump ({@code debug=2}) prints
	 * @return the threads
	 * @throws IOException if the virtual threads cannot be dumped
	 */
	List<ThreadRecord> threads(boolean locks) throws IOException {
		List<ThreadRecord> threads = new ArrayList<>(PlatformThreads.dump(locks));
		Set<Long> platformIds = new HashSet<>();
		threads.forEach((thread) -> platformIds.add(thread.id()));
		threads.addAll(this.virtualThreads.dump(platformIds));
		return threads;
	}

}
