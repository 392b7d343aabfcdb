package dev.jvmpprof.heap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class JavaTypesTests {

	private final JavaTypes types = new JavaTypes(true, true, JavaTypesTests.class.getClassLoader());

	@Test
	void javaNameShouldRenderArraysAsJavaSourceDoes() {
		assertThat(JavaTypes.javaName("[J")).isEqualTo("long[]");
		assertThat(JavaTypes.javaName("[[B")).isEqualTo("byte[][]");
		assertThat(JavaTypes.javaName("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
		assertThat(JavaTypes.javaName("[Ljava/lang/String;")).isEqualTo("java.lang.String[]");
		assertThat(JavaTypes.javaName("com.example.Order")).isEqualTo("com.example.Order");
		assertThat(JavaTypes.javaName("[allocated before sampling started]"))
			.isEqualTo("[allocated before sampling started]");
	}

	@Test
	void arraySizeShouldCountHeaderElementsAndAlignment() {
		assertThat(this.types.arraySize("[J", 8190)).isEqualTo(65536);
		assertThat(this.types.arraySize("[B", 1)).isEqualTo(24);
		assertThat(this.types.arraySize("[Ljava.lang.Object;", 3)).isEqualTo(32);
	}

	@Test
	void instanceSizeShouldAddUpTheFieldsOfTheHierarchy() {
		assertThat(this.types.instanceSize("java.lang.Object")).isEqualTo(16);
		assertThat(this.types.instanceSize(Point.class.getName())).isEqualTo(24);
		assertThat(this.types.instanceSize("com.example.NoSuchClass")).isEqualTo(16);
	}

	static class Point {

		long x;

		int y;

	}

}
