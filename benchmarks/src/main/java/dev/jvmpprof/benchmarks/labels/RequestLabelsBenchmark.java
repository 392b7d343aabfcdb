package dev.jvmpprof.benchmarks.labels;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.infra.Blackhole;

import org.springframework.http.server.observation.ServerRequestObservationContext;

import dev.jvmpprof.actuate.RequestLabelsObservationHandler;
import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.labels.PprofLabels;

/**
 * What request labels add to the framework's observation of one request (start, scope open and close, stop, as
 * Spring MVC's filter does): without our handler, with it and no profile running, and with it while a profile runs
 * (a capture that is renewed every 100,000 requests, as a profile of that many requests would be). And what a
 * {@link PprofLabels} block costs around a trivial action.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestLabelsBenchmark {

	static final int REQUESTS_PER_PROFILE = 100_000;

	private static final Map<String, String> LABELS = Map.of("tenant", "acme");

	@Param({ "without", "labels", "labels-while-profiling" })
	public String mode;

	private ObservationRegistry registry;

	private LabelCapture capture;

	private int requests;

	@Setup
	public void createRegistry() {
		this.registry = ObservationRegistry.create();
		// A handler that does nothing stands for the application's metrics: observations are real either way.
		this.registry.observationConfig().observationHandler(new Baseline());
		if (!this.mode.equals("without")) {
			this.registry.observationConfig().observationHandler(new RequestLabelsObservationHandler());
		}
		if (this.mode.equals("labels-while-profiling")) {
			this.capture = LabelTimeline.shared().capture();
		}
	}

	@TearDown
	public void closeCapture() {
		if (this.capture != null) {
			this.capture.close();
		}
	}

	@Benchmark
	public void request(Blackhole blackhole) {
		ServerRequestObservationContext context = new ServerRequestObservationContext(null, null);
		Observation observation = Observation.createNotStarted("http.server.requests", () -> context, this.registry)
			.start();
		try (Observation.Scope scope = observation.openScope()) {
			context.setPathPattern("/orders/{id}");
			blackhole.consume(scope);
		}
		observation.stop();
		renewCapture();
	}

	@Benchmark
	public void pprofLabelsRun(Blackhole blackhole) {
		PprofLabels.run(LABELS, () -> blackhole.consume(this));
		renewCapture();
	}

	private void renewCapture() {
		if (this.capture != null && ++this.requests % REQUESTS_PER_PROFILE == 0) {
			this.capture.close();
			this.capture = LabelTimeline.shared().capture();
		}
	}

	private static final class Baseline implements ObservationHandler<Observation.Context> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return true;
		}

	}

}
