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


	@Test
	void lambdasShouldBeNamedWithoutCounterAddressOrHashWhicheverReaderNamedThem() {
		// Flight Recorder on Java 17, async-profiler's recording, a thread dump; and Java 21's lambdas, numberless.
		assertThat(FrameNames.of("com.example.InventoryController$$Lambda$1376+0x00007f1fbc5626a8.2123517372", "run", 0)
			.function()).isEqualTo("com.example.InventoryController$$Lambda.run");
		assertThat(FrameNames.of("com.example.InventoryController$$Lambda$1074.0x00007fd690445998", "accept", 0)
			.function()).isEqualTo("com.example.InventoryController$$Lambda.accept");
		assertThat(JavaStacks.frame(new StackTraceElement("com.example.InventoryController$$Lambda$1074/0x00007fd690445998",
				"accept", null, -1))
			.function()).isEqualTo("com.example.InventoryController$$Lambda.accept");
		assertThat(FrameNames.of("com.example.InventoryController$$Lambda/0x000071b2c8001a00", "run", 0).function())
			.isEqualTo("com.example.InventoryController$$Lambda.run");
		assertThat(FrameNames.of("com.example.InventoryController$$Lambda$1376+0x00007f1fbc5626a8.2123517372", "run", 12)
			.file()).isEqualTo("com/example/InventoryController.java");
	}

	@Test
	void otherHiddenClassesShouldBeNamedWithoutAddressOrHash() {
		assertThat(FrameNames.stableClassName("java.lang.invoke.LambdaForm$MH/0x0000000800c0b000"))
			.isEqualTo("java.lang.invoke.LambdaForm$MH");
		assertThat(FrameNames.stableClassName("java.lang.invoke.LambdaForm$DMH+0x0000000800c0b000.1409865765"))
			.isEqualTo("java.lang.invoke.LambdaForm$DMH");
		assertThat(FrameNames.stableClassName("java.lang.invoke.LambdaForm$DMH.0x0000000800c0b000"))
			.isEqualTo("java.lang.invoke.LambdaForm$DMH");
	}

	@Test
	void ordinaryClassesShouldKeepTheirNames() {
		assertThat(FrameNames.stableClassName("com.example.Order$Line")).isEqualTo("com.example.Order$Line");
		assertThat(FrameNames.stableClassName("com.example.Hex0xCafe")).isEqualTo("com.example.Hex0xCafe");
		assertThat(FrameNames.stableClassName("com.example.Order$1")).isEqualTo("com.example.Order$1");
		assertThat(FrameNames.of("com.example.Order", "place", 42).function()).isEqualTo("com.example.Order.place");
	}

}
