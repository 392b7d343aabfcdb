package dev.jvmpprof.cmdline;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTests {

	@Test
	void argumentsShouldMaskValuesOfSecretLookingKeys() {
		CommandLine commandLine = new CommandLine(List.of("/usr/bin/java", "-Xmx1g", "-Ddb.password=hunter2",
				"-DAPI_TOKEN=abc", "-jar", "app.jar", "--spring.datasource.password=s3cret", "--client-secret",
				"xyz", "--server.port=8080", "-Daws.accessKeyId=AKIA", "--name=orders"));
		assertThat(commandLine.arguments()).containsExactly("/usr/bin/java", "-Xmx1g", "-Ddb.password=******",
				"-DAPI_TOKEN=******", "-jar", "app.jar", "--spring.datasource.password=******", "--client-secret",
				"******", "--server.port=8080", "-Daws.accessKeyId=******", "--name=orders");
	}

	@Test
	void toStringShouldJoinArgumentsWithNulBytesAsGoDoes() {
		assertThat(new CommandLine(List.of("java", "-jar", "app.jar"))).hasToString("java\0-jar\0app.jar");
	}

	@Test
	void currentShouldReadThisJvmsCommandLine() {
		List<String> arguments = CommandLine.current().arguments();
		assertThat(arguments.get(0)).contains("java");
		assertThat(arguments).hasSizeGreaterThan(1);
	}

}
