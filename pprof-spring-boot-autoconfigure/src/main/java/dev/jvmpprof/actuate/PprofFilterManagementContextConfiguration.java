package dev.jvmpprof.actuate;

import java.lang.reflect.Method;
import java.util.List;
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
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;
import org.springframework.util.function.SingletonSupplier;

import dev.jvmpprof.profile.ProfileDispatcher;

/**
 * Puts the filter that applies {@link PprofHttpConventions} on the server that serves the actuator: the
 * application's own, or the management server when {@code management.server.port} gives it one of its own.
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

		@Bean
		@ConditionalOnMissingBean(name = "pprofServletFilter")
		FilterRegistrationBean<PprofServletFilter> pprofServletFilter(
				ObjectProvider<PathMappedEndpoints> pathMappedEndpoints, ObjectProvider<ProfileDispatcher> dispatcher,
				ListableBeanFactory beanFactory) {
			Supplier<String> endpointPath = endpointPath(pathMappedEndpoints);
			// Under spring.mvc.servlet.path the actuator's paths start with the DispatcherServlet's.
			Supplier<String> servletPrefix = DispatcherServletPrefix.of(beanFactory, getClass().getClassLoader());
			FilterRegistrationBean<PprofServletFilter> registration = new FilterRegistrationBean<>(
					new PprofServletFilter(() -> {
						String path = endpointPath.get();
						return (path != null) ? servletPrefix.get() + path : null;
					}, SingletonSupplier.of(dispatcher::getObject)));
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
		PprofWebFilter pprofWebFilter(ObjectProvider<PathMappedEndpoints> pathMappedEndpoints,
				ObjectProvider<ProfileDispatcher> dispatcher) {
			return new PprofWebFilter(endpointPath(pathMappedEndpoints), SingletonSupplier.of(dispatcher::getObject));
		}

	}

	/**
	 * Reads the DispatcherServlet's path where Spring MVC is present, and only there. Its type moved in Boot 4, so it
	 * is found by name: one jar, compiled against Boot 4, then serves Boot 3.5 as well.
	 */
	private static final class DispatcherServletPrefix {

		private static final List<String> TYPES = List.of(
				"org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath", // Boot 4
				"org.springframework.boot.autoconfigure.web.servlet.DispatcherServletPath"); // Boot 3

		static Supplier<String> of(ListableBeanFactory beanFactory, ClassLoader classLoader) {
			for (String name : TYPES) {
				if (ClassUtils.isPresent(name, classLoader)) {
					Class<?> type = ClassUtils.resolveClassName(name, classLoader);
					Method getPrefix = ReflectionUtils.findMethod(type, "getPrefix");
					ObjectProvider<?> path = beanFactory.getBeanProvider(type);
					return () -> {
						Object servletPath = path.getIfAvailable();
						return (servletPath != null) ? (String) ReflectionUtils.invokeMethod(getPrefix, servletPath) : "";
					};
				}
			}
			return () -> "";
		}

	}

}
