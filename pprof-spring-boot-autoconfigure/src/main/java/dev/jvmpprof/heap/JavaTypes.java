package dev.jvmpprof.heap;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.management.HotSpotDiagnosticMXBean;

/**
 * Names allocated types as Java source does ({@code long[]}, {@code java.lang.String[]}) and estimates the size of
 * their instances on a 64-bit HotSpot, which JFR's allocation events do not record.
 */
final class JavaTypes {

	private static final int ALIGNMENT = 8;

	private final int referenceSize;

	private final int headerSize;

	private final int arrayHeaderSize;

	private final ClassLoader loader;

	private final Map<String, Long> instanceSizes = new ConcurrentHashMap<>();

	JavaTypes(boolean compressedOops, boolean compressedClassPointers, ClassLoader loader) {
		this.referenceSize = compressedOops ? 4 : 8;
		// Mark word (8) and class pointer (4 or 8); arrays add a 4-byte length, padded to 8 without compression.
		this.headerSize = compressedClassPointers ? 12 : 16;
		this.arrayHeaderSize = compressedClassPointers ? 16 : 24;
		this.loader = loader;
	}

	/**
	 * Returns the sizes of this JVM, resolving classes through {@code loader} (the application's class loader).
	 * @param loader the loader that sees the application's classes
	 * @return the types
	 */
	static JavaTypes ofThisJvm(ClassLoader loader) {
		return new JavaTypes(vmFlag("UseCompressedOops"), vmFlag("UseCompressedClassPointers"), loader);
	}

	/**
	 * Converts a JVM type name as JFR records it ({@code [J}, {@code [Ljava.lang.String;}) to the Java name.
	 * @param jvmName the recorded name
	 * @return the Java name, such as {@code long[]}
	 */
	static String javaName(String jvmName) {
		String name = jvmName.replace('/', '.');
		int dimensions = 0;
		while (dimensions < name.length() && name.charAt(dimensions) == '[') {
			dimensions++;
		}
		if (dimensions == 0) {
			return name;
		}
		String element = name.substring(dimensions);
		String base = switch (element) {
			case "Z" -> "boolean";
			case "B" -> "byte";
			case "C" -> "char";
			case "S" -> "short";
			case "I" -> "int";
			case "J" -> "long";
			case "F" -> "float";
			case "D" -> "double";
			default -> (element.startsWith("L") && element.endsWith(";"))
					? element.substring(1, element.length() - 1) : null;
		};
		// Anything else is not a type descriptor, such as a bracketed pseudo-frame: left as it is.
		return (base != null) ? base + "[]".repeat(dimensions) : jvmName;
	}

	/**
	 * Returns the size of an array.
	 * @param jvmName the recorded name of the array type, such as {@code [J}
	 * @param length the number of elements
	 * @return the size in bytes
	 */
	long arraySize(String jvmName, int length) {
		String name = jvmName.replace('/', '.');
		long elementSize = (name.length() == 2) ? primitiveSize(name.charAt(1)) : this.referenceSize;
		return align(this.arrayHeaderSize + elementSize * Math.max(length, 0));
	}

	/**
	 * Estimates the size of an instance of a class from its fields, as HotSpot lays them out without gaps; a class
	 * that the application's loader cannot see (hidden classes, lambdas) counts as the smallest object.
	 * @param jvmName the recorded class name
	 * @return the size in bytes
	 */
	long instanceSize(String jvmName) {
		return this.instanceSizes.computeIfAbsent(jvmName.replace('/', '.'), this::computeInstanceSize);
	}

	private long computeInstanceSize(String className) {
		try {
			long size = this.headerSize;
			for (Class<?> type = Class.forName(className, false, this.loader); type != null; type = type.getSuperclass()) {
				for (Field field : type.getDeclaredFields()) {
					if (!Modifier.isStatic(field.getModifiers())) {
						size += field.getType().isPrimitive() ? primitiveSize(field.getType()) : this.referenceSize;
					}
				}
			}
			return align(size);
		}
		catch (ClassNotFoundException | LinkageError | SecurityException ex) {
			return align(this.headerSize);
		}
	}

	private static long primitiveSize(Class<?> type) {
		if (type == long.class || type == double.class) {
			return 8;
		}
		if (type == int.class || type == float.class) {
			return 4;
		}
		return (type == short.class || type == char.class) ? 2 : 1;
	}

	private static long primitiveSize(char descriptor) {
		return switch (descriptor) {
			case 'J', 'D' -> 8;
			case 'I', 'F' -> 4;
			case 'S', 'C' -> 2;
			default -> 1;
		};
	}

	private static long align(long size) {
		return (size + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
	}

	private static boolean vmFlag(String name) {
		try {
			HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			return Boolean.parseBoolean(hotSpot.getVMOption(name).getValue());
		}
		catch (RuntimeException ex) {
			// Not HotSpot, or no such flag: assume the common 64-bit default.
			return true;
		}
	}

}
