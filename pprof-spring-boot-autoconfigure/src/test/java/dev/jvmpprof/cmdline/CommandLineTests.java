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
	void argumentsShouldMaskSpringApplicationJsonWholeAsSpringBootDoes() {
		CommandLine commandLine = new CommandLine(List.of("java",
				"-Dspring.application.json={\"spring\":{\"datasource\":{\"password\":\"hunter2\"}}}", "-jar",
				"app.jar", "--SPRING_APPLICATION_JSON={\"a\":1}", "--vcap.services.db.credentials.uri=x"));
		assertThat(commandLine.arguments()).containsExactly("java", "-Dspring.application.json=******", "-jar",
				"app.jar", "--SPRING_APPLICATION_JSON=******", "--vcap.services.db.credentials.uri=******");
	}

	@Test
	void argumentsShouldMaskThePasswordOfUserInfoInAnyUrl() {
		CommandLine commandLine = new CommandLine(List.of("java", "-jar", "app.jar",
				"--spring.datasource.url=jdbc:postgresql://orders:hunter2@db.example.com:5432/orders",
				"--spring.rabbitmq.addresses=amqp://guest:guest@mq1:5672,amqp://app:s3cret@mq2:5672",
				"redis://:t0psecret@cache:6379/0", "--spring.data.mongodb.uri=mongodb://mongo.example.com/orders"));
		assertThat(commandLine.arguments()).containsExactly("java", "-jar", "app.jar",
				"--spring.datasource.url=jdbc:postgresql://orders:******@db.example.com:5432/orders",
				"--spring.rabbitmq.addresses=amqp://guest:******@mq1:5672,amqp://app:******@mq2:5672",
				"redis://:******@cache:6379/0", "--spring.data.mongodb.uri=mongodb://mongo.example.com/orders");
	}

	@Test
	void argumentsShouldMaskPasswordsInsideJdbcUrls() {
		CommandLine commandLine = new CommandLine(List.of("java",
				"-Ddb.url=jdbc:mysql://db/orders?user=orders&password=hunter2&useSSL=true",
				"--spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=orders;user=sa;password=hunter2;",
				"--spring.datasource.url=jdbc:oracle:thin:scott/tiger@//db:1521/ORCL"));
		assertThat(commandLine.arguments()).containsExactly("java",
				"-Ddb.url=jdbc:mysql://db/orders?user=orders&password=******&useSSL=true",
				"--spring.datasource.url=jdbc:sqlserver://db:1433;databaseName=orders;user=sa;password=******;",
				"--spring.datasource.url=jdbc:oracle:thin:scott/******@//db:1521/ORCL");
	}

	@Test
	void argumentsShouldMaskSecretsInsideJsonGivenUnderAnotherName() {
		CommandLine commandLine = new CommandLine(
				List.of("java", "--app.config={\"user\":\"orders\",\"apiToken\":\"abc\\\"def\"}"));
		assertThat(commandLine.arguments()).containsExactly("java",
				"--app.config={\"user\":\"orders\",\"apiToken\":\"******\"}");
	}

	@Test
	void argumentsShouldKeepWhatIsNotSecret() {
		List<String> plain = List.of("/usr/lib/jvm/java-17/bin/java", "-Xmx1g", "-XX:+UseG1GC",
				"-javaagent:/opt/agent.jar=port=9999", "-cp", "/app/lib/a.jar:/app/lib/b.jar",
				"-Dspring.profiles.active=prod", "com.example.Main", "--server.port=8080",
				"--spring.datasource.url=jdbc:postgresql://db.example.com:5432/orders", "https://example.com/a?b=c");
		assertThat(new CommandLine(plain).arguments()).isEqualTo(plain);
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
