package dev.jvmpprof.gotool;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import dev.jvmpprof.testing.OrderRoutes;
import dev.jvmpprof.testing.TestApplication;

@SpringBootTest(classes = { TestApplication.class, OrderRoutes.class }, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "management.endpoints.web.exposure.include=pprof")
class GoToolRequestLabelsWebMvcTests extends AbstractGoToolRequestLabelsTests {

}
