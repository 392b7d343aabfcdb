package dev.jvmpprof.gotool;

import org.junit.jupiter.api.AfterAll;
import reactor.core.publisher.Hooks;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.TestApplication;

/**
 * WebFlux opens a request's observation scope on the threads that run it only with automatic context propagation.
 */
@SpringBootTest(classes = { TestApplication.class, OrderRoutes.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "spring.reactor.context-propagation=auto",
				"management.endpoints.web.exposure.include=pprof" })
class GoToolRequestLabelsWebFluxTests extends AbstractGoToolRequestLabelsTests {

	@AfterAll
	static void leaveReactorAsOtherTestsFindIt() {
		Hooks.disableAutomaticContextPropagation();
	}

}
