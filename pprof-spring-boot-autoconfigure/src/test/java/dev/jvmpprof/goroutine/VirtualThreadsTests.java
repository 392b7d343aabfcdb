package dev.jvmpprof.goroutine;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.json.BasicJsonParser;
import org.springframework.boot.json.JsonParserFactory;

import dev.jvmpprof.goroutine.ThreadRecord.Blocker;
import dev.jvmpprof.goroutine.ThreadRecord.Lock;

import static org.assertj.core.api.Assertions.assertThat;

class VirtualThreadsTests {

	// What the auto-configuration passes: Jackson's parser wherever the actuator runs (Jackson 2 on Boot 3.5, 3 on 4.0).
	private final VirtualThreads virtualThreads = new VirtualThreads(JsonParserFactory.getJsonParser()::parseMap);

	// The shape Java 25 writes (abridged from a real dump): "virtual" and "state" fields, lock details.
	private static final String JAVA_25 = """
			{
			  "threadDump": {
			    "processId": "14032",
			    "runtimeVersion": "25.0.3+9-LTS",
			    "threadContainers": [
			      {
			        "container": "<root>",
			        "parent": null,
			        "owner": null,
			        "threads": [
			          {
			            "tid": "3",
			            "name": "main",
			            "state": "RUNNABLE",
			            "stack": [
			              "java.base\\/jdk.internal.vm.ThreadSnapshot.create(Native Method)",
			              "Vt.main(Vt.java:17)"
			            ]
			          },
			          {
			            "tid": "28",
			            "virtual": true,
			            "name": "named-vt",
			            "state": "WAITING",
			            "parkBlocker": {
			              "object": "java.util.concurrent.CountDownLatch$Sync@6e20b53a"
			            },
			            "stack": [
			              "java.base\\/java.lang.VirtualThread.park(VirtualThread.java:742)",
			              "java.base\\/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
			              "Vt.parkHere(Vt.java:5)"
			            ],
			            "monitorsOwned": [
			              {
			                "depth": 2,
			                "locks": [
			                  "java.lang.Object@1b6d3586"
			                ]
			              }
			            ]
			          }
			        ],
			        "threadCount": "2"
			      },
			      {
			        "container": "java.util.concurrent.ThreadPerTaskExecutor@5af3afd9",
			        "parent": "<root>",
			        "owner": null,
			        "threads": [
			          {
			            "tid": "31",
			            "virtual": true,
			            "name": "",
			            "state": "TIMED_WAITING",
			            "stack": [
			              "java.base\\/java.lang.VirtualThread.parkNanos(VirtualThread.java:784)",
			              "java.base\\/java.lang.Thread.sleep(Thread.java:591)"
			            ]
			          }
			        ],
			        "threadCount": "1"
			      }
			    ]
			  }
			}
			""";

	// The shape Java 21 writes: tid, name and stack only.
	private static final String JAVA_21 = """
			{"threadDump": {"threadContainers": [{"container": "<root>", "threads": [
			  {"tid": "1", "name": "main", "stack": ["java.base\\/java.lang.Thread.sleep(Thread.java:509)"]},
			  {"tid": "40", "name": "", "stack": ["java.base\\/java.lang.VirtualThread.parkNanos(VirtualThread.java:631)"]},
			  {"tid": "41", "name": "vt-\\u00e9", "stack": ["java.base\\/java.lang.VirtualThread.park(VirtualThread.java:582)"]},
			  {"tid": "42", "name": "", "stack": []}
			]}]}}
			""";

	@Test
	void java25DumpShouldGiveTheVirtualThreadsWithStateAndLocks() {
		List<ThreadRecord> threads = this.virtualThreads.parse(JAVA_25, Set.of());
		assertThat(threads).extracting(ThreadRecord::id).containsExactly(28L, 31L);
		ThreadRecord named = threads.get(0);
		assertThat(named.name()).isEqualTo("named-vt");
		assertThat(named.virtual()).isTrue();
		assertThat(named.state()).isEqualTo(Thread.State.WAITING);
		assertThat(named.stack()).extracting(StackTraceElement::toString)
			.containsExactly("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)",
					"java.base/java.util.concurrent.CountDownLatch.await(CountDownLatch.java:230)",
					"Vt.parkHere(Vt.java:5)");
		assertThat(named.blocker()).isEqualTo(new Blocker(Blocker.Kind.PARKING,
				new Lock("java.util.concurrent.CountDownLatch$Sync", 0x6e20b53a), null, -1));
		assertThat(named.lockedMonitors()).containsEntry(2, List.of(new Lock("java.lang.Object", 0x1b6d3586)));
		assertThat(threads.get(1).state()).isEqualTo(Thread.State.TIMED_WAITING);
	}

	@Test
	void java25DumpShouldBeReadByTheLeastJsonParserToo() {
		// The parser Boot falls back to without Jackson or Gson gives true as a string.
		List<ThreadRecord> threads = new VirtualThreads(new BasicJsonParser()::parseMap).parse(JAVA_25, Set.of());
		assertThat(threads).extracting(ThreadRecord::id).containsExactly(28L, 31L);
		assertThat(threads).extracting(ThreadRecord::state)
			.containsExactly(Thread.State.WAITING, Thread.State.TIMED_WAITING);
		assertThat(threads.get(0).stack()).extracting(StackTraceElement::toString)
			.startsWith("java.base/java.lang.VirtualThread.park(VirtualThread.java:742)");
		assertThat(threads.get(0).lockedMonitors()).containsEntry(2, List.of(new Lock("java.lang.Object", 0x1b6d3586)));
	}

	@Test
	void java21DumpShouldTellVirtualThreadsByTheirIdsAndGuessTheirState() {
		List<ThreadRecord> threads = this.virtualThreads.parse(JAVA_21, Set.of(1L));
		assertThat(threads).extracting(ThreadRecord::id).containsExactly(40L, 41L, 42L);
		assertThat(threads).extracting(ThreadRecord::state)
			.containsExactly(Thread.State.TIMED_WAITING, Thread.State.WAITING, Thread.State.RUNNABLE);
		assertThat(threads.get(1).name()).isEqualTo("vt-\u00e9");
	}

	@Test
	void onJava17ThereShouldBeNoVirtualThreadsAndNoFailure() throws Exception {
		boolean java21 = Runtime.version().feature() >= 21;
		assertThat(VirtualThreads.supported()).isEqualTo(java21);
		if (!java21) {
			assertThat(this.virtualThreads.dump(Set.of())).isEmpty();
			assertThat(new GoroutineProfileCollector("test", JsonParserFactory.getJsonParser()::parseMap).threads(false))
				.isNotEmpty()
				.noneMatch(ThreadRecord::virtual);
		}
	}

	@Test
	void stackTraceTextShouldReadEveryFormOfToString() {
		assertThat(StackTraceText.parse("com.foo.loader/foo@9.0/com.foo.Main.run(Main.java:101)"))
			.isEqualTo(new StackTraceElement("com.foo.loader", "foo", "9.0", "com.foo.Main", "run", "Main.java", 101));
		assertThat(StackTraceText.parse("MyLoader//com.foo.bar.App.run(App.java:12)"))
			.isEqualTo(new StackTraceElement("MyLoader", null, null, "com.foo.bar.App", "run", "App.java", 12));
		assertThat(StackTraceText.parse("acme@2.1/org.acme.Lib.test(Lib.java:80)"))
			.isEqualTo(new StackTraceElement(null, "acme", "2.1", "org.acme.Lib", "test", "Lib.java", 80));
		assertThat(StackTraceText.parse("java.base/java.lang.Object.wait0(Native Method)").isNativeMethod()).isTrue();
		StackTraceElement hidden = StackTraceText.parse("com.example.Foo$$Lambda/0x000001f0010c1234.run(Unknown Source)");
		assertThat(hidden.getClassName()).isEqualTo("com.example.Foo$$Lambda/0x000001f0010c1234");
		assertThat(hidden.getMethodName()).isEqualTo("run");
		assertThat(hidden.getFileName()).isNull();
		StackTraceElement real = new Throwable().getStackTrace()[0];
		StackTraceElement parsed = StackTraceText.parse(real.toString());
		assertThat(parsed).hasToString(real.toString());
		assertThat(parsed.getClassName()).isEqualTo(VirtualThreadsTests.class.getName());
		assertThat(parsed.getLineNumber()).isEqualTo(real.getLineNumber());
	}

}
