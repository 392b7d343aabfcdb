package dev.jvmpprof.benchmarks.threads;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the JVM's own thread dump costs, the step that both the thread profile and the actuator's thread dump start
 * with: with lock information (monitors and ownable synchronizers, which needs a walk of the heap), without it, and
 * as {@link Thread#getAllStackTraces()}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ThreadDumpBenchmark {

	@Param({ "200", "5000" })
	public int threads;

	private ThreadPoolExecutor pool;

	private final ThreadMXBean mxBean = ManagementFactory.getThreadMXBean();

	@Setup
	public void startThreads() {
		this.pool = new ThreadPoolExecutor(this.threads, this.threads, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>());
		this.pool.prestartAllCoreThreads();
	}

	@TearDown
	public void stopThreads() {
		this.pool.shutdownNow();
	}

	@Benchmark
	public ThreadInfo[] withLocks() {
		return this.mxBean.dumpAllThreads(true, true);
	}

	@Benchmark
	public ThreadInfo[] withoutLocks() {
		return this.mxBean.dumpAllThreads(false, false);
	}

	@Benchmark
	public Map<Thread, StackTraceElement[]> allStackTraces() {
		return Thread.getAllStackTraces();
	}

}
