package dev.jvmpprof.benchmarks.encoding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import dev.jvmpprof.benchmarks.load.Workspace;

/**
 * One recording, read from disk and encoded as a gzip'd pprof profile by our writer and by async-profiler's
 * converter. Each operation is a whole conversion, as one request to the endpoint does it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class EncodingBenchmark {

	@Param({ "CPU", "WALL" })
	public Recordings.Recording recording;

	private Path file;

	@Setup
	public void locate() throws IOException {
		this.file = new Recordings(Workspace.current()).file(this.recording);
		if (!Files.isRegularFile(this.file)) {
			throw new IOException(this.file + " is missing: run benchmarks/run encoding, which records it first");
		}
	}

	@Benchmark
	public long ours() throws IOException {
		CountingOutputStream out = new CountingOutputStream();
		Encoders.ours(this.recording, this.file, out);
		return out.count();
	}

	@Benchmark
	public long oursJdkReader() throws IOException {
		CountingOutputStream out = new CountingOutputStream();
		Encoders.oursJdkReader(this.recording, this.file, out);
		return out.count();
	}

	@Benchmark
	public long asyncProfiler() throws IOException {
		CountingOutputStream out = new CountingOutputStream();
		Encoders.asyncProfiler(this.file, false, out);
		return out.count();
	}

	@Benchmark
	public long asyncProfilerThreads() throws IOException {
		CountingOutputStream out = new CountingOutputStream();
		Encoders.asyncProfiler(this.file, true, out);
		return out.count();
	}

}
