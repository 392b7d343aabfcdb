package dev.jvmpprof.view;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.TestApplication;

@SpringBootTest(classes = { TestApplication.class, OrderRoutes.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=reactive", "management.endpoints.web.exposure.include=pprof" })
class ProfileViewWebFluxBrowserTests extends AbstractProfileViewBrowserTests {

	@Override
	String stack() {
		return "webflux";
	}

}
