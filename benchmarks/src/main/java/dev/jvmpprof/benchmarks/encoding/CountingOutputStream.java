package dev.jvmpprof.benchmarks.encoding;

import java.io.OutputStream;

/**
 * Counts the bytes written to it and keeps none, so that measuring an encoder measures no buffer growth.
 */
public final class CountingOutputStream extends OutputStream {

	private long count;

	@Override
	public void write(int b) {
		this.count++;
	}

	@Override
	public void write(byte[] b, int off, int len) {
		this.count += len;
	}

	public long count() {
		return this.count;
	}

}
