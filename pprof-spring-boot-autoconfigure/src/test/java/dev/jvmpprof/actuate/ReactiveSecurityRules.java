package dev.jvmpprof.actuate;

import org.springframework.boot.security.autoconfigure.actuate.web.reactive.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;

/**
 * The same rules as {@link ServletSecurityRules}, for WebFlux.
 */
@Configuration(proxyBeanMethods = false)
class ReactiveSecurityRules {

	@Bean
	SecurityWebFilterChain actuatorSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeExchange((exchanges) -> exchanges.matchers(EndpointRequest.to("pprof"))
				.hasRole("PPROF")
				.anyExchange()
				.permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(User.withUsername(ServletSecurityRules.USER)
			.password("{noop}" + ServletSecurityRules.PASSWORD)
			.roles("PPROF")
			.build());
	}

}
