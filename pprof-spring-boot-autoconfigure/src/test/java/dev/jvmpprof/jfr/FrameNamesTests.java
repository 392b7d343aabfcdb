package dev.jvmpprof.jfr;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrameNamesTests {

	@Test
	void sourceFileShouldBeThePathOfTheOutermostClassUnderASourceRoot() {
		assertThat(FrameNames.sourceFile("com.example.OrderService")).isEqualTo("com/example/OrderService.java");
		assertThat(FrameNames.sourceFile("com.example.Order$Line")).isEqualTo("com/example/Order.java");
		assertThat(FrameNames.sourceFile("com.example.Order$$Lambda$12/0x0000000800c0b000"))
			.isEqualTo("com/example/Order.java");
		assertThat(FrameNames.sourceFile("com.example.Order$$Lambda.0x0000000800c0b000")).isEqualTo("com/example/Order.java");
		assertThat(FrameNames.sourceFile("Main")).isEqualTo("Main.java");
	}

}
