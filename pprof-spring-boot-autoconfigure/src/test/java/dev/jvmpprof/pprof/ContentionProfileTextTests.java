package dev.jvmpprof.pprof;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentionProfileTextTests {

	@Test
	void blockShouldBeGosContentionTextLongestDelayFirst() {
		Frame lock = new Frame("java.util.concurrent.locks.ReentrantLock.lock", "java/util/concurrent/locks/ReentrantLock.java", 322);
		StackProfile profile = new StackProfile(2);
		profile.add(List.of(List.of(lock), List.of(new Frame("com.example.Stock.reserve", "com/example/Stock.java", 40))),
				List.of(), 3, 45_000_000);
		profile.add(List.of(List.of(new Frame("com.example.Cache.get", "com/example/Cache.java", 17))), List.of(), 9,
				120_000_000);
		assertThat(ContentionProfileText.format(false, profile)).isEqualTo("""
				--- contention:
				cycles/second=1000000000
				120000000 9 @ 0x1
				#	0x1	com.example.Cache.get	com/example/Cache.java:17

				45000000 3 @ 0x2 0x3
				#	0x2	java.util.concurrent.locks.ReentrantLock.lock	java/util/concurrent/locks/ReentrantLock.java:322
				#	0x3	com.example.Stock.reserve			com/example/Stock.java:40

				""");
	}

	@Test
	void mutexShouldSayItsNameAndSamplingPeriod() {
		assertThat(ContentionProfileText.format(true, new StackProfile(2))).isEqualTo("""
				--- mutex:
				cycles/second=1000000000
				sampling period=1
				""");
	}

}
