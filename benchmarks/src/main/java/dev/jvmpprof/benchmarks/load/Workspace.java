package dev.jvmpprof.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Where the benchmarks find the project's build and keep what they generate: everything under
 * {@code benchmarks/target}, so {@code mvn clean} removes it and nothing generated is ever committed.
 *
 * @param root the project's root directory
 */
public record Workspace(Path root) {

	/**
	 * Returns the workspace named by {@code -Dbenchmarks.root}, the current directory by default.
	 * @return the workspace
	 */
	public static Workspace current() {
		return new Workspace(Path.of(System.getProperty("benchmarks.root", ".")).toAbsolutePath().normalize());
	}

	public Path target() {
		return this.root.resolve("benchmarks/target");
	}

	/**
	 * Returns the sample app's executable jar, built by {@code mvn install}.
	 * @return the jar
	 * @throws IOException if it has not been built
	 */
	public Path sampleAppJar() throws IOException {
		Path jar = this.root.resolve("sample-app/target/sample-app-0.1.0-SNAPSHOT.jar");
		if (!Files.isRegularFile(jar)) {
			throw new IOException(jar + " is missing: build it with ./mvnw -Pbenchmarks -DskipTests install");
		}
		return jar;
	}

	/**
	 * Returns a log file for one run of an application.
	 * @param name the run's name
	 * @return the file, under {@code target/logs}
	 */
	public Path log(String name) {
		return target().resolve("logs").resolve(name + ".log");
	}

	/**
	 * Copies a class path resource to a file, for tools that read files (wrk scripts, the native profiler).
	 * @param resource the resource name, such as {@code wrk/mixed.lua}
	 * @return the file
	 * @throws IOException if the resource is missing or cannot be copied
	 */
	public Path extract(String resource) throws IOException {
		Path file = target().resolve("work").resolve(resource);
		Files.createDirectories(file.getParent());
		try (InputStream in = Workspace.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("No resource " + resource + " on the class path");
			}
			Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
		}
		return file;
	}

}
