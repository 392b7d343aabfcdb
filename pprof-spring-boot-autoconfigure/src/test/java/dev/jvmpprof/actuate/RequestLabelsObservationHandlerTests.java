package dev.jvmpprof.actuate;

import java.lang.ref.WeakReference;
import java.time.Instant;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import dev.jvmpprof.labels.LabelCapture;
import dev.jvmpprof.labels.LabelTimeline;
import dev.jvmpprof.pprof.Label;

import static org.assertj.core.api.Assertions.assertThat;

class RequestLabelsObservationHandlerTests {

	private final LabelTimeline timeline = new LabelTimeline(1000);

	private final ObservationRegistry registry = ObservationRegistry.create();

	RequestLabelsObservationHandlerTests() {
		this.registry.observationConfig().observationHandler(new RequestLabelsObservationHandler(this.timeline));
	}

	@Test
	void threadShouldCarryTheRouteKnownOnlyOnceTheRequestIsMapped() throws Exception {
		try (LabelCapture capture = this.timeline.capture()) {
			ServerRequestObservationContext context = context("POST", "/orders/42");
			Observation observation = observe(context).start();
			Instant during;
			try (Observation.Scope scope = observation.openScope()) {
				during = pause();
				context.setPathPattern("/orders/{id}");
			}
			observation.stop();
			assertThat(this.timeline.current()).isEmpty();
			assertThat(capture.lookup().at(Thread.currentThread().getId(), during))
				.containsExactly(Label.of("http.method", "POST"), Label.of("http.route", "/orders/{id}"));
		}
	}

	@Test
	void requestWithoutRouteShouldCarryItsMethodAlone() {
		ServerRequestObservationContext context = context("GET", "/nowhere");
		Observation observation = observe(context).start();
		try (Observation.Scope scope = observation.openScope()) {
			assertThat(this.timeline.current()).containsOnlyKeys("http.method");
		}
		observation.stop();
	}

	@Test
	void profileShouldLetGoOfTheContextOnceTheRequestStops() throws Exception {
		try (LabelCapture capture = this.timeline.capture()) {
			WeakReference<ServerRequestObservationContext> context = serveOneRequest();
			for (int i = 0; i < 20 && context.get() != null; i++) {
				System.gc();
				Thread.sleep(10);
			}
			assertThat(context.get()).as("the request's context, kept by the open profile").isNull();
		}
	}

	private WeakReference<ServerRequestObservationContext> serveOneRequest() {
		ServerRequestObservationContext context = context("GET", "/orders/1");
		Observation observation = observe(context).start();
		try (Observation.Scope scope = observation.openScope()) {
			context.setPathPattern("/orders/{id}");
		}
		observation.stop();
		return new WeakReference<>(context);
	}

	private Observation observe(ServerRequestObservationContext context) {
		return Observation.createNotStarted("http.server.requests", () -> context, this.registry);
	}

	private static ServerRequestObservationContext context(String method, String path) {
		return new ServerRequestObservationContext(new MockHttpServletRequest(method, path),
				new MockHttpServletResponse());
	}

	private static Instant pause() throws InterruptedException {
		Thread.sleep(5);
		Instant now = Instant.now();
		Thread.sleep(5);
		return now;
	}

}
