package dev.jvmpprof.goroutine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The goroutine profile on a Java 21+ JVM, where virtual threads exist: the build runs on Java 17, so these tests
 * run {@link VirtualThreadsProbe} in a child JVM of {@code PPROF_JAVA21_HOME}, or of the Java 25 found on this
 * machine, and are skipped where there is none.
 */
class VirtualThreadsJava21Tests {

	private static final List<String> CANDIDATES = List.of("/usr/lib/jvm/temurin-25-jdk-amd64",
			"/usr/lib/jvm/temurin-21-jdk-amd64", "/usr/lib/jvm/java-25-openjdk-amd64", "/usr/lib/jvm/java-21-openjdk-amd64");

	@Test
	void virtualThreadsShouldBeCountedAsGoCountsGoroutines(@TempDir Path dir) throws Exception {
		Path java = java21();
		Path profileFile = dir.resolve("goroutine.pb.gz");
		Path debug1File = dir.resolve("debug1.txt");
		Path debug2File = dir.resolve("debug2.txt");
		Process process = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				VirtualThreadsProbe.class.getName(), profileFile.toString(), debug1File.toString(), debug2File.toString())
			.redirectErrorStream(true)
			.redirectOutput(dir.resolve("out.txt").toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String output = Files.readString(dir.resolve("out.txt"));
		assertThat(process.exitValue()).as(output).isZero();
		int threads = VirtualThreadsProbe.THREADS;

		DecodedProfile profile = DecodedProfile.decode(Files.readAllBytes(profileFile));
		Sample parked = profile.proto()
			.getSampleList()
			.stream()
			.filter((sample) -> profile.functionNames(sample).stream().anyMatch((name) -> name.endsWith("VirtualThreadsProbe.parkHere")))
			.findFirst()
			.orElseThrow();
		assertThat(parked.getValue(0)).isEqualTo(threads);
		assertThat(profile.label(parked, "state")).isEqualTo("WAITING");
		assertThat(profile.label(parked, "thread")).isNull();
		assertThat(profile.functionNames(parked)).contains("java.lang.VirtualThread.park");
		assertThat(profile.total(0)).isGreaterThan(threads);

		String debug1 = Files.readString(debug1File, StandardCharsets.UTF_8);
		assertThat(debug1).containsPattern("(?m)^" + threads + " @( 0x[0-9a-f]+)+\\n# labels: \\{\"state\":\"WAITING\"\\}");
		String debug2 = Files.readString(debug2File, StandardCharsets.UTF_8);
		assertThat(debug2).containsPattern("\"\" #[0-9]+ virtual\\n   java.lang.Thread.State: WAITING \\(parking\\)\\n"
				+ "\\tat java.lang.VirtualThread.park\\(java.base/VirtualThread.java:[0-9]+\\)\\n");
		assertThat(debug2.split(" virtual\\n", -1).length - 1).isEqualTo(threads);
	}

	private static Path java21() {
		String home = System.getenv("PPROF_JAVA21_HOME");
		List<String> homes = (home != null) ? List.of(home) : CANDIDATES;
		for (String candidate : homes) {
			Path java = Path.of(candidate, "bin", "java");
			if (Files.isExecutable(java)) {
				return java;
			}
		}
		Assumptions.abort("a Java 21+ JDK is needed: set PPROF_JAVA21_HOME");
		return null;
	}

}
