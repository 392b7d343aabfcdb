package dev.jvmpprof.pprof;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CountProfileTextTests {

	private static final Path REFERENCE = Path.of("src/test/resources/reference/go1.19/goroutine-debug1.txt");

	@Test
	void framesShouldBeAlignedAsGosTabwriterAlignsThem() throws Exception {
		// Go's first group, with Go's names: only the address column may differ.
		StackProfile profile = new StackProfile(1);
		profile.add(List.of(List.of(new Frame("sync.runtime_SemacquireMutex+0x24", "runtime/sema.go", 77)),
				List.of(new Frame("sync.(*Mutex).lockSlow+0x164", "sync/mutex.go", 171)),
				List.of(new Frame("sync.(*Mutex).Lock+0x39", "sync/mutex.go", 90)),
				List.of(new Frame("main.main.func1+0x14", "goref/main.go", 45))), List.of(), 3);
		String text = CountProfileText.format("goroutine", profile);
		List<String> go = Files.readAllLines(REFERENCE);
		List<String> ours = text.lines().toList();
		assertThat(ours.get(0)).isEqualTo("goroutine profile: total 3");
		assertThat(ours.get(1)).isEqualTo("3 @ 0x1 0x2 0x3 0x4");
		for (int i = 2; i <= 5; i++) {
			assertThat(ours.get(i).replaceFirst("0x[0-9a-f]+", "ADDR"))
				.isEqualTo(go.get(i).replaceFirst("0x[0-9a-f]+", "ADDR"));
		}
		assertThat(ours.get(6)).isEmpty();
	}

	@Test
	void samplesShouldComeLargestFirstWithTheirLabelsAndSharedFrameIds() {
		Frame shared = new Frame("com.example.Pool.take", "com/example/Pool.java", 12);
		StackProfile profile = new StackProfile(1);
		profile.add(List.of(List.of(Frame.named("[no Java frames]"))), List.of(Label.of("state", "RUNNABLE")), 1);
		profile.add(List.of(List.of(shared), List.of(new Frame("com.example.Worker.run", "com/example/Worker.java", 7))),
				List.of(Label.of("state", "WAITING"), Label.of("thread", "worker \"1\"")), 2);
		profile.add(List.of(List.of(shared)), List.of(), 5);
		String text = CountProfileText.format("threadcreate", profile);
		assertThat(text).isEqualTo("""
				threadcreate profile: total 8
				5 @ 0x1
				#	0x1	com.example.Pool.take	com/example/Pool.java:12

				2 @ 0x1 0x2
				# labels: {"state":"WAITING", "thread":"worker \\"1\\""}
				#	0x1	com.example.Pool.take	com/example/Pool.java:12
				#	0x2	com.example.Worker.run	com/example/Worker.java:7

				1 @ 0x3
				# labels: {"state":"RUNNABLE"}
				#	0x3	[no Java frames]	?:0

				""");
	}

}
