package dev.jvmpprof.pprof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * A reusable scratch buffer for one embedded message: protobuf needs a message's length before its bytes, so each
 * Sample, Location or Function is encoded here first and then copied out as one length-delimited field.
 */
final class MessageBuffer {

	private final Bytes bytes = new Bytes();

	private final CodedOutputStream out = CodedOutputStream.newInstance(this.bytes, 4096);

	/**
	 * Starts a new message, forgetting the previous one.
	 * @return the stream to encode the message's fields into
	 */
	CodedOutputStream start() {
		this.bytes.reset();
		return this.out;
	}

	/**
	 * Writes the message encoded since {@link #start()} to {@code target} as field {@code fieldNumber}.
	 * @param target the enclosing stream
	 * @param fieldNumber the field of the enclosing message
	 * @throws IOException if the target cannot be written
	 */
	void writeTo(CodedOutputStream target, int fieldNumber) throws IOException {
		this.out.flush();
		target.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		target.writeUInt32NoTag(this.bytes.size());
		target.writeRawBytes(this.bytes.array(), 0, this.bytes.size());
	}

	/** A byte array stream whose array can be read without a copy. */
	private static final class Bytes extends ByteArrayOutputStream {

		Bytes() {
			super(4096);
		}

		byte[] array() {
			return this.buf;
		}

		@Override
		public void close() {
			throw new UncheckedIOException(new IOException("A message buffer is never closed"));
		}

	}

}
