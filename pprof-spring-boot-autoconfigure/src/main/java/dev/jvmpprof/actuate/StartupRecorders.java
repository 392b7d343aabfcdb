package dev.jvmpprof.actuate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.IncludeExcludeEndpointFilter;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Starts the always-on recorders (heap sampling and thread starts) once the application's environment is prepared,
 * before its context is created, so that {@code heap}, {@code allocs} and {@code threadcreate} see the objects and
 * threads of the context's own startup: the singletons and caches a service keeps from then on. Started by the
 * auto-configuration instead, they left 56 % of the sample application's live heap and 97 % of a test application's
 * as {@code [allocated before sampling started]} ({@code StartupHeapIntegrationTests}).
 *
 * <p>They start on a thread of their own while the context is created and refreshed. The auto-configuration adopts
 * them through {@link StartedRecorders}, as its beans would have been; what it does not adopt (the endpoint is not
 * available after all, or the application defines its own) is closed once the context is refreshed. An application
 * that serves no web, or does not name {@code pprof} in its web exposure, starts nothing here.
 */
public class StartupRecorders implements GenericApplicationListener {

	private static final Log logger = LogFactory.getLog(StartupRecorders.class);

	private StartedRecorders started;

	private ApplicationContext context;

	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.getRawClass();
		return type != null && (ApplicationEnvironmentPreparedEvent.class.isAssignableFrom(type)
				|| ApplicationPreparedEvent.class.isAssignableFrom(type)
				|| ContextRefreshedEvent.class.isAssignableFrom(type)
				|| ApplicationFailedEvent.class.isAssignableFrom(type));
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
			environmentPrepared(prepared.getEnvironment(), prepared.getSpringApplication());
		}
		else if (event instanceof ApplicationPreparedEvent prepared && this.started != null) {
			ConfigurableApplicationContext created = prepared.getApplicationContext();
			created.getBeanFactory().registerSingleton(StartedRecorders.BEAN_NAME, this.started);
			this.context = created;
		}
		else if (event instanceof ContextRefreshedEvent refreshed && refreshed.getApplicationContext() == this.context) {
			closeUnadopted();
		}
		else if (event instanceof ApplicationFailedEvent) {
			closeUnadopted();
		}
	}

	private void environmentPrepared(ConfigurableEnvironment environment, SpringApplication application) {
		if (this.started != null) {
			return;
		}
		Binder binder = Binder.get(environment);
		PprofProperties properties;
		try {
			if (!isWebApplication(binder, application.getWebApplicationType()) || !isExposed(environment)) {
				return;
			}
			properties = binder.bindOrCreate("pprof", PprofProperties.class);
			properties.afterPropertiesSet();
		}
		catch (RuntimeException ex) {
			// The context binds the settings again and reports what is wrong with them.
			logger.debug("Not starting the pprof recorders before the context: its settings do not bind", ex);
			return;
		}
		if (properties.getHeap().isEnabled() || properties.getThreadcreate().isEnabled()) {
			this.started = StartedRecorders.start(properties, application.getClassLoader());
		}
	}

	/**
	 * Whether the application serves the web, where the endpoint lives: as the application deduced it, or as
	 * {@code spring.main.web-application-type} says, which is bound to it only after this event.
	 */
	private static boolean isWebApplication(Binder binder, WebApplicationType deduced) {
		return binder.bind("spring.main.web-application-type", WebApplicationType.class).orElse(deduced)
				!= WebApplicationType.NONE;
	}

	/**
	 * Whether the web exposure takes the pprof endpoint, read with the actuator's own filter. Other ways it may still
	 * not be available (its access) are found once the context is refreshed, when what was started unadopted is
	 * closed.
	 */
	private static boolean isExposed(ConfigurableEnvironment environment) {
		return new IncludeExcludeEndpointFilter<>(ExposableWebEndpoint.class, environment,
				"management.endpoints.web.exposure", "health")
			.match(PprofPaths.ENDPOINT_ID);
	}

	private void closeUnadopted() {
		StartedRecorders recorders = this.started;
		if (recorders != null) {
			recorders.closeUnadopted();
		}
	}

}
