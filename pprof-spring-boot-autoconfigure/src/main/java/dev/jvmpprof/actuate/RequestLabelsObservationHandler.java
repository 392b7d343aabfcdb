package dev.jvmpprof.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.handler.TracingObservationHandler;

import org.springframework.util.ClassUtils;

import dev.jvmpprof.labels.LabelSource;
import dev.jvmpprof.labels.LabelTimeline;

/**
 * Labels the threads that serve HTTP requests, for the samples of CPU, wall-clock and lock profiles: the route
 * template ({@code http.route}, never the raw path), the method ({@code http.method}) and, where Micrometer Tracing
 * runs, {@code trace_id} and {@code span_id}. Hooked on the framework's own observation of server requests, Spring
 * MVC's and WebFlux's: a thread carries a request's labels while the request's observation scope is open on it.
 *
 * <p>The route is only known once the request is mapped, so labels are resolved when the observation stops (while
 * a profile runs) or when the profile is encoded, whichever comes first. A request that matched no route carries
 * {@code http.method} alone: a made-up route such as {@code UNKNOWN} would be matched by a {@code -tagfocus} on
 * routes. WebFlux opens observation scopes on the threads that run a request only with Reactor's automatic context
 * propagation ({@code spring.reactor.context-propagation=auto} and {@code io.micrometer:context-propagation}).
 */
public class RequestLabelsObservationHandler implements ObservationHandler<Observation.Context> {

	private static final boolean TRACING = ClassUtils.isPresent(
			"io.micrometer.tracing.handler.TracingObservationHandler", RequestLabelsObservationHandler.class.getClassLoader());

	private static final LabelSource REQUEST_LABELS = (owner) -> {
		Observation.Context context = (Observation.Context) owner;
		Resolved resolved = context.get(Resolved.class);
		return (resolved != null) ? resolved.labels() : resolve(context);
	};

	private final LabelTimeline timeline;

	public RequestLabelsObservationHandler() {
		this(LabelTimeline.shared());
	}

	RequestLabelsObservationHandler(LabelTimeline timeline) {
		this.timeline = timeline;
	}

	@Override
	public boolean supportsContext(Observation.Context context) {
		return context instanceof org.springframework.http.server.observation.ServerRequestObservationContext
				|| context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext;
	}

	@Override
	public void onScopeOpened(Observation.Context context) {
		this.timeline.enter(context, REQUEST_LABELS);
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		this.timeline.exit(context);
	}

	@Override
	public void onScopeReset(Observation.Context context) {
		this.timeline.clear();
	}

	@Override
	public void onStop(Observation.Context context) {
		// A servlet container recycles its request objects once the request is done: keep the labels now.
		if (this.timeline.isRecording()) {
			context.put(Resolved.class, new Resolved(resolve(context)));
		}
	}

	static Map<String, String> resolve(Observation.Context context) {
		Map<String, String> labels = new LinkedHashMap<>(4);
		if (context instanceof org.springframework.http.server.observation.ServerRequestObservationContext servlet) {
			Servlet.addTo(servlet, labels);
		}
		else if (context instanceof org.springframework.http.server.reactive.observation.ServerRequestObservationContext reactive) {
			put(labels, "http.route", reactive.getPathPattern());
			put(labels, "http.method", (reactive.getCarrier() != null) ? reactive.getCarrier().getMethod().name() : null);
		}
		if (TRACING) {
			Tracing.addTo(context, labels);
		}
		return labels;
	}

	private static void put(Map<String, String> labels, String key, String value) {
		if (value != null && !value.isEmpty()) {
			labels.put(key, value);
		}
	}

	/** The labels of a request that has stopped. */
	private record Resolved(Map<String, String> labels) {
	}

	/** Reads servlet requests; loaded only where one is observed, so a reactive application needs no Servlet API. */
	private static final class Servlet {

		static void addTo(org.springframework.http.server.observation.ServerRequestObservationContext context,
				Map<String, String> labels) {
			put(labels, "http.route", context.getPathPattern());
			put(labels, "http.method", (context.getCarrier() != null) ? context.getCarrier().getMethod() : null);
		}

	}

	/** Reads the span Micrometer Tracing started for the request; loaded only where Micrometer Tracing is. */
	private static final class Tracing {

		static void addTo(Observation.Context context, Map<String, String> labels) {
			TracingObservationHandler.TracingContext tracing = context.get(TracingObservationHandler.TracingContext.class);
			Span span = (tracing != null) ? tracing.getSpan() : null;
			TraceContext ids = (span != null) ? span.context() : null;
			if (ids != null) {
				put(labels, "trace_id", ids.traceId());
				put(labels, "span_id", ids.spanId());
			}
		}

	}

}
