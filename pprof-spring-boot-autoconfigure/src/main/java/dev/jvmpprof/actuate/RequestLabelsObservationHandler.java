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

	// The labels of a scope entered while no profile ran: read from the context, where a profile that starts while
	// the request runs finds them resolved once it stops.
	private static final LabelSource FROM_CONTEXT = (owner) -> {
		Observation.Context context = (Observation.Context) owner;
		RequestLabels labels = context.get(RequestLabels.class);
		return (labels != null) ? labels.get() : resolve(context);
	};

	private static final LabelSource FROM_REQUEST_LABELS = (owner) -> ((RequestLabels) owner).get();

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
		if (this.timeline.isRecording()) {
			// A profile keeps what threads carried until it ends: keep a small holder there, not the context
			// with everything it references, which the holder lets go of when the request stops.
			this.timeline.enter(context.computeIfAbsent(RequestLabels.class, (key) -> new RequestLabels(context)),
					FROM_REQUEST_LABELS);
		}
		else {
			this.timeline.enter(context, FROM_CONTEXT);
		}
	}

	@Override
	public void onScopeClosed(Observation.Context context) {
		RequestLabels labels = context.get(RequestLabels.class);
		if (labels == null || !this.timeline.exit(labels)) {
			this.timeline.exit(context);
		}
	}

	@Override
	public void onScopeReset(Observation.Context context) {
		this.timeline.clear();
	}

	@Override
	public void onStop(Observation.Context context) {
		// A servlet container recycles its request objects once the request is done: keep the labels now.
		if (this.timeline.isRecording()) {
			context.computeIfAbsent(RequestLabels.class, (key) -> new RequestLabels(context)).stop();
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

	/**
	 * A request's labels as a profile keeps them: read from the request's context until it stops, then resolved
	 * once and the context let go.
	 */
	private static final class RequestLabels {

		private volatile Observation.Context context;

		private volatile Map<String, String> resolved;

		RequestLabels(Observation.Context context) {
			this.context = context;
		}

		void stop() {
			Observation.Context stopped = this.context;
			if (stopped != null) {
				this.resolved = Map.copyOf(resolve(stopped));
				this.context = null;
			}
		}

		Map<String, String> get() {
			Map<String, String> labels = this.resolved;
			if (labels != null) {
				return labels;
			}
			Observation.Context running = this.context;
			return (running != null) ? resolve(running) : this.resolved;
		}

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
