package dev.jvmpprof.benchmarks;

import java.util.Collection;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the JMH benchmarks of one class the way every part does: {@code benchmarks.forks} forks (3 by default),
 * three warm-up and five measured iterations of a second, failing on any error.
 */
public final class JmhRuns {

	private JmhRuns() {
	}

	/**
	 * Returns how many forks each benchmark runs in.
	 * @return the forks
	 */
	public static int forks() {
		return Integer.getInteger("benchmarks.forks", 3);
	}

	/**
	 * Runs every benchmark method of {@code benchmark}.
	 * @param benchmark the class with the {@code @Benchmark} methods
	 * @return the results, one per method and parameter set
	 * @throws Exception if JMH fails
	 */
	public static Collection<RunResult> run(Class<?> benchmark) throws Exception {
		return new Runner(new OptionsBuilder().include(benchmark.getName() + "\\.")
			.forks(forks())
			.warmupIterations(3)
			.warmupTime(TimeValue.seconds(1))
			.measurementIterations(5)
			.measurementTime(TimeValue.seconds(1))
			.shouldFailOnError(true)
			.build()).run();
	}

}
