package dev.jvmpprof.heap;

/**
 * Rounds object sizes to the sizes that heap profile samples are kept by, as Go's heap buckets are keyed by size
 * class: a site that allocates arrays of many lengths (a growing buffer) makes a few dozen samples, not one per
 * length.
 *
 * <p>Sizes up to {@link #EXACT} bytes stay as they are (HotSpot aligns them to 8, so at most 128 of them); larger
 * sizes round up to one of 8 classes per power of two, at most 1/8 above the size. A sample's values still add up
 * the exact sizes of its objects, so its bytes per object is its objects' mean size; only its {@code bytes} label
 * is the class.
 */
final class SizeClass {

	/** The largest size kept exactly. */
	static final long EXACT = 1024;

	private SizeClass() {
	}

	/**
	 * Returns the class of a size.
	 * @param size an object's size in bytes
	 * @return the size itself up to {@link #EXACT}, else the smallest class at least as large
	 */
	static long of(long size) {
		if (size <= EXACT) {
			return Math.max(size, 0);
		}
		long octave = Long.highestOneBit(size - 1);
		long step = octave / 8;
		return (size + step - 1) / step * step;
	}

}
