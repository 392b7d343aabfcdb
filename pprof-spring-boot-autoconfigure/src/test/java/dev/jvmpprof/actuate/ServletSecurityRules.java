package dev.jvmpprof.actuate;

import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * A user's Spring Security rules for the actuator on Spring MVC, as the Spring Boot reference writes them: every
 * endpoint request goes through this chain, and pprof needs the {@code PPROF} role. The chain covers only the
 * actuator, whose clients (Go's among them) send HTTP Basic credentials and no CSRF token.
 */
@Configuration(proxyBeanMethods = false)
class ServletSecurityRules {

	static final String USER = "ops";

	static final String PASSWORD = "s3cret";

	@Bean
	SecurityFilterChain actuatorSecurity(HttpSecurity http) {
		http.securityMatcher(EndpointRequest.toAnyEndpoint())
			.authorizeHttpRequests((requests) -> requests.requestMatchers(EndpointRequest.to("pprof"))
				.hasRole("PPROF")
				.anyRequest()
				.permitAll())
			.httpBasic(Customizer.withDefaults())
			.csrf((csrf) -> csrf.disable());
		return http.build();
	}

	@Bean
	InMemoryUserDetailsManager users() {
		return new InMemoryUserDetailsManager(
				User.withUsername(USER).password("{noop}" + PASSWORD).roles("PPROF").build());
	}

}
