package dev.jvmpprof.compatibility;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.actuate.autoconfigure.web.ManagementContextConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataProperty;
import org.springframework.boot.configurationmetadata.ConfigurationMetadataRepositoryJsonBuilder;
import org.springframework.boot.configurationmetadata.ValueHint;
import org.springframework.boot.context.annotation.ImportCandidates;

import dev.jvmpprof.actuate.PprofEndpoint;
import dev.jvmpprof.actuate.PprofEndpointAutoConfiguration;
import dev.jvmpprof.actuate.PprofFilterManagementContextConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cell of the support matrix that this module proves: it runs on the Spring Boot and Java versions its pom names
 * ({@code pprof.expected.*}), against the starter's jar, whose generated metadata this Boot reads.
 */
class SupportedVersionTests {

	private final ClassLoader classLoader = getClass().getClassLoader();

	@Test
	void shouldRunOnTheSpringBootVersionOfThisModule() {
		assertThat(SpringBootVersion.getVersion()).startsWith(System.getProperty("pprof.expected.spring-boot") + ".");
	}

	@Test
	void shouldRunOnTheJavaVersionOfThisModule() {
		assertThat(Runtime.version().feature()).as("the JVM at %s", System.getProperty("java.home"))
			.hasToString(System.getProperty("pprof.expected.java"));
	}

	@Test
	void shouldTestTheJarThatUsersGet() {
		String location = PprofEndpoint.class.getProtectionDomain().getCodeSource().getLocation().getPath();
		assertThat(location).matches(".*/pprof-spring-boot-autoconfigure-[^/]+\\.jar");
	}

	@Test
	void autoConfigurationsShouldBeListedWhereThisBootLooksForThem() {
		assertThat(ImportCandidates.load(AutoConfiguration.class, this.classLoader))
			.contains(PprofEndpointAutoConfiguration.class.getName());
		assertThat(ImportCandidates.load(ManagementContextConfiguration.class, this.classLoader))
			.contains(PprofFilterManagementContextConfiguration.class.getName());
	}

	@Test
	void configurationMetadataShouldBeReadByThisBootsReader() throws IOException {
		Map<String, ConfigurationMetadataProperty> properties;
		try (InputStream in = ourMetadata().openStream()) {
			properties = ConfigurationMetadataRepositoryJsonBuilder.create(in).build().getAllProperties();
		}
		assertThat(properties).containsKeys("pprof.max-duration", "pprof.engine", "pprof.cpu.interval",
				"pprof.wall.interval", "pprof.lock.threshold");
		assertThat(properties.values()).allSatisfy((property) -> {
			assertThat(property.getDescription()).as(property.getId()).isNotBlank();
			assertThat(property.getDefaultValue()).as(property.getId()).isNotNull();
		});
	}

	@Test
	void engineChoicesShouldBeOfferedByThisBootsReader() throws IOException {
		ConfigurationMetadataProperty engine;
		try (InputStream in = ourMetadata().openStream()) {
			engine = ConfigurationMetadataRepositoryJsonBuilder.create(in)
				.build()
				.getAllProperties()
				.get("pprof.engine");
		}
		assertThat(engine.getHints().getValueHints()).extracting(ValueHint::getValue)
			.containsExactly("auto", "async-profiler", "jfr");
	}

	private URL ourMetadata() throws IOException {
		// Boot's own jars hold a file of the same name.
		List<URL> all = Collections.list(this.classLoader.getResources("META-INF/spring-configuration-metadata.json"));
		return all.stream()
			.filter((url) -> url.getPath().contains("/pprof-spring-boot-autoconfigure-"))
			.findFirst()
			.orElseThrow(() -> new AssertionError("no metadata in our jar among " + all));
	}

}
