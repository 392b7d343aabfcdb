package dev.jvmpprof.benchmarks.startup.app;

import java.lang.management.ManagementFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The smallest service that has the actuator: one controller. Started with and without the starter on its class
 * path; with {@code -Dbenchmarks.exitWhenStarted=true} it stops as soon as it is ready, so that a run's time is its
 * startup.
 */
@SpringBootApplication
@RestController
public class MinimalApplication {

	@GetMapping("/")
	public String hello() {
		return "hello";
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(MinimalApplication.class, args);
		if (Boolean.getBoolean("benchmarks.exitWhenStarted")) {
			System.out.println("ready after " + ManagementFactory.getRuntimeMXBean().getUptime() + " ms of JVM uptime");
			System.exit(SpringApplication.exit(context));
		}
	}

}
