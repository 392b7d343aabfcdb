package dev.jvmpprof.heap;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.jvmpprof.testing.ChildApplication;
import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.HoardingApplication;
import dev.jvmpprof.testing.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a service keeps from its startup, in its heap profile: a cache warmed while the context starts is shown at
 * the code that warmed it, not as {@code [allocated before sampling started]}, which holds only what was alive
 * before the application's context began. In a JVM of its own, as a service runs, with a cache of 32 MiB.
 */
class StartupHeapIntegrationTests {

	private static final long CACHE = 32 * 1024 * 1024;

	private static final int INUSE_SPACE = 3;

	private static final String WARMED_BY = "HoardingApplication$StartupHoard.<init>";

	@Test
	void aCacheWarmedAtStartupShouldBeShownAtTheCodeThatWarmedIt(@TempDir Path directory) throws Exception {
		try (ChildApplication service = ChildApplication.start(HoardingApplication.class, directory, Map.of(),
				List.of(), List.of("--hoard.at-startup=32"))) {
			DecodedProfile exact = DecodedProfile.decode(Http.get(service.url("/actuator/pprof/heap?gc=1")).body());
			assertThat(exact.sumWhereStackContains(INUSE_SPACE, WARMED_BY)).as("the cache's bytes at its warmer")
				.isBetween((long) (0.8 * CACHE), (long) (1.25 * CACHE));
			// A plain answer spreads the heap over a few dozen live samples in equal shares, so the cache's part is
			// only as near as their count (0.52x to 1.56x in runs of this test); what it must show is the warmer,
			// which read 0 when sampling started with the context.
			DecodedProfile plain = DecodedProfile.decode(Http.get(service.url("/actuator/pprof/heap")).body());
			assertThat(plain.sumWhereStackContains(INUSE_SPACE, WARMED_BY)).as("the cache's bytes at its warmer")
				.isPositive();
			// Taken right after the full collection, the plain answer's marking finds the same live heap.
			assertThat((double) plain.total(INUSE_SPACE) / exact.total(INUSE_SPACE)).as("plain in use, to exact")
				.isBetween(0.67, 1.5);
			// Before the context: the JVM's own objects and the class path's indexes (13 to 17 MiB of this test's
			// 57 MiB, whose class path is every test dependency); started with the context, the cache was there too
			// (97 %).
			for (DecodedProfile heap : List.of(exact, plain)) {
				assertThat(heap.sumWhereStackContains(INUSE_SPACE, HeapProfileBuilder.BEFORE_SAMPLING))
					.as("bytes from before sampling started").isLessThan(heap.total(INUSE_SPACE) / 3);
			}
		}
	}

}
