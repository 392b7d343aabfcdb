package dev.jvmpprof.actuate;

import jdk.jfr.FlightRecorder;
import jdk.jfr.RecordingState;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.jvmpprof.heap.HeapSampler;
import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.testing.TestApplication;
import dev.jvmpprof.threadcreate.ThreadStartRecorder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The always-on recorders start before the context where the endpoint is exposed, become the context's own, and
 * leave nothing running where the context does not take them.
 */
class StartupRecordersTests {

	@Test
	void recordersShouldStartBeforeTheContextAndBeTheContextsOwn() {
		int before = runningHeapSamplers();
		try (ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=pprof")) {
			StartedRecorders started = context.getBean(StartedRecorders.class);
			assertThat(started.isAdopted(context.getBean(ContinuousRecording.class))).isTrue();
			assertThat(started.isAdopted(context.getBean(HeapSampler.class))).isTrue();
			assertThat(started.isAdopted(context.getBean(ThreadStartRecorder.class))).isTrue();
			assertThat(context.getBean(ThreadStartRecorder.class).unavailableReason()).isNull();
			assertThat(runningHeapSamplers()).as("heap samplers running: the early one, adopted").isEqualTo(before + 1);
		}
		assertThat(runningHeapSamplers()).isEqualTo(before);
	}

	@Test
	void recordersShouldNotStartWhereTheEndpointIsNotExposed() {
		int before = runningHeapSamplers();
		try (ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=health")) {
			assertThat(context.getBeansOfType(StartedRecorders.class)).isEmpty();
			assertThat(runningHeapSamplers()).isEqualTo(before);
		}
	}

	@Test
	void recordersTheContextDoesNotTakeShouldBeClosedOnceItIsRefreshed() {
		int before = runningHeapSamplers();
		// Exposed, so started early; but no access, so the endpoint and its recorders are not in the context.
		try (ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=pprof",
				"management.endpoint.pprof.access=none")) {
			assertThat(context.getBeansOfType(StartedRecorders.class)).hasSize(1);
			assertThat(context.getBeansOfType(HeapSampler.class)).isEmpty();
			assertThat(runningHeapSamplers()).isEqualTo(before);
		}
	}

	@Test
	void recordersShouldNotStartInAnApplicationThatServesNoWeb() {
		try (ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=*",
				"spring.main.web-application-type=none")) {
			assertThat(context.getBeansOfType(StartedRecorders.class)).isEmpty();
		}
	}

	@Test
	void recordersShouldNotStartBeforeTheContextWhenSwitchedOff() {
		try (ConfigurableApplicationContext context = run("management.endpoints.web.exposure.include=pprof",
				"pprof.heap.enabled=false", "pprof.threadcreate.enabled=false")) {
			assertThat(context.getBeansOfType(StartedRecorders.class)).isEmpty();
		}
	}

	private static ConfigurableApplicationContext run(String... properties) {
		return new SpringApplicationBuilder(TestApplication.class).properties(properties)
			.properties("server.port=0")
			.run();
	}

	/** The leak profiler's recordings that heap samplers keep running, one each. */
	private static int runningHeapSamplers() {
		return (int) FlightRecorder.getFlightRecorder()
			.getRecordings()
			.stream()
			.filter((recording) -> "pprof heap".equals(recording.getName())
					&& recording.getState() == RecordingState.RUNNING)
			.count();
	}

}
