package dev.jvmpprof.pprof;

/**
 * A pprof value type: what a sample value counts ({@code cpu}, {@code inuse_space}) and in which unit.
 *
 * @param type the type name, exactly Go's so that {@code -sample_index} and friends select it
 * @param unit the unit ({@code count}, {@code nanoseconds}, {@code bytes})
 */
public record ValueType(String type, String unit) {
}
