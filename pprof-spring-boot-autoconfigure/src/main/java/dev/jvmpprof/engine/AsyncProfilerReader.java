package dev.jvmpprof.engine;

import java.io.IOException;

import dev.jvmpprof.asyncjfr.AsyncWindowProfileEncoder;
import dev.jvmpprof.asyncjfr.SampleKind;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.pprof.ProfileWriter;

/**
 * Reads the CPU and wall-clock samples of async-profiler's files with its own reader.
 */
final class AsyncProfilerReader implements SampleReader {

	@Override
	public void read(Window.Recorded recorded, SampledEvent event, LabelCapture.Lookup labels, ProfileWriter writer)
			throws IOException {
		SampleKind kind = switch (event) {
			case CPU -> SampleKind.CPU;
			case WALL -> SampleKind.WALL;
			case LOCK -> throw new IllegalArgumentException("Lock waits are not samples: the lock profiles read them");
		};
		AsyncWindowProfileEncoder.write(recorded.events(), kind, recorded.period(event).toNanos(), labels, writer);
	}

}
