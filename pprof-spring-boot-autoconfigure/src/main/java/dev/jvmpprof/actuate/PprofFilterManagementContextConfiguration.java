package dev.jvmpprof.actuate;

import java.util.function.Supplier;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication.Type;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/**
 * Puts the filter that applies {@link PprofHttpConventions} on the server that serves the actuator: the application's own, or the
 * management server when {@code management.server.port} gives it one of its own.
 */
@ManagementContextConfiguration(proxyBeanMethods = false)
@ConditionalOnAvailableEndpoint(PprofEndpoint.class)
public class PprofFilterManagementContextConfiguration {

	private static Supplier<String> endpointPath(ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
		return () -> PprofPaths.endpointPath(pathMappedEndpoints);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	static class ServletHeadersConfiguration {

		private static final String DISPATCHER_SERVLET_PATH = "org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath";

		@Bean
		@ConditionalOnMissingBean(name = "pprofServletFilter")
		FilterRegistrationBean<PprofServletFilter> pprofServletFilter(
				ObjectProvider<PathMappedEndpoints> pathMappedEndpoints, ListableBeanFactory beanFactory) {
			Supplier<String> endpointPath = endpointPath(pathMappedEndpoints);
			// Under spring.mvc.servlet.path the actuator's paths start with the DispatcherServlet's.
			Supplier<String> servletPrefix = ClassUtils.isPresent(DISPATCHER_SERVLET_PATH, getClass().getClassLoader())
					? DispatcherServletPrefix.of(beanFactory) : () -> "";
			FilterRegistrationBean<PprofServletFilter> registration = new FilterRegistrationBean<>(
					new PprofServletFilter(() -> {
						String path = endpointPath.get();
						return (path != null) ? servletPrefix.get() + path : null;
					}));
			// After Spring Security's filter (-100), so that its rules apply to every pprof request.
			registration.setOrder(0);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = Type.REACTIVE)
	static class ReactiveHeadersConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "pprofWebFilter")
		PprofWebFilter pprofWebFilter(ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
			return new PprofWebFilter(endpointPath(pathMappedEndpoints));
		}

	}

	/** Reads the DispatcherServlet's path where Spring MVC is present, and only there. */
	private static final class DispatcherServletPrefix {

		static Supplier<String> of(ListableBeanFactory beanFactory) {
			ObjectProvider<DispatcherServletPath> path = beanFactory.getBeanProvider(DispatcherServletPath.class);
			return () -> {
				DispatcherServletPath servletPath = path.getIfAvailable();
				return (servletPath != null) ? servletPath.getPrefix() : "";
			};
		}

	}

}
