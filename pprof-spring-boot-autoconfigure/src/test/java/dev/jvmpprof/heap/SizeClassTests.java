package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The size classes that heap samples are kept by.
 */
class SizeClassTests {

	@Test
	void sizesUpToOneKibibyteShouldStayExact() {
		assertThat(SizeClass.of(16)).isEqualTo(16);
		assertThat(SizeClass.of(24)).isEqualTo(24);
		assertThat(SizeClass.of(1024)).isEqualTo(1024);
	}

	@Test
	void largerSizesShouldRoundUpToAnEighthOfTheirPowerOfTwo() {
		assertThat(SizeClass.of(1032)).isEqualTo(1152);
		assertThat(SizeClass.of(65_536)).isEqualTo(65_536);
		assertThat(SizeClass.of(65_552)).isEqualTo(73_728);
		assertThat(SizeClass.of(1 << 20)).isEqualTo(1 << 20);
		assertThat(SizeClass.of((1 << 20) + 8)).isEqualTo((1 << 20) + (1 << 17));
	}

	@Test
	void aClassShouldNeverBeSmallerThanItsSizeNorMoreThanAnEighthLarger() {
		for (long size = 8; size < (1L << 24); size = size * 9 / 8 + 8) {
			long sizeClass = SizeClass.of(size);
			assertThat(sizeClass).as("class of %d", size).isBetween(size, size + size / 8);
			assertThat(SizeClass.of(sizeClass)).as("class of the class of %d", size).isEqualTo(sizeClass);
		}
	}

}
