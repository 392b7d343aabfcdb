package dev.jvmpprof.pprof;

import static dev.jvmpprof.pprof.ProfileFields.*;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.WireFormat;

/**
 * Streams a gzip'd pprof profile (profile.proto) the way Go's runtime writes one: each Location is written the first
 * time a stack uses it, its Functions just before it, samples as they come, and the string table last. Memory grows
 * with the distinct strings, functions and locations, never with the output.
 *
 * <p>Every location carries line information and the single mapping declares functions, file names, line numbers
 * and inline frames, so {@code go tool pprof} never tries to symbolize addresses itself.
 */
public final class ProfileWriter implements Closeable {

	private static final long THE_MAPPING = 1;

	private final GZIPOutputStream gzip;

	private final CodedOutputStream out;

	private final MessageBuffer message = new MessageBuffer();

	// Sized for a profile of a few thousand functions, as CPU profiles of a Spring application are, so that
	// encoding one does not spend its time growing them.
	private final Map<String, Integer> stringIndex = new HashMap<>(4096);

	private final List<String> strings = new ArrayList<>(2048);

	private final Map<FunctionKey, Long> functions = new HashMap<>(4096);

	private final Map<List<Frame>, Long> locations = new HashMap<>(4096);

	private final int valueCount;

	private boolean closed;

	/**
	 * Starts a profile on {@code target}, writing its header and its one mapping at once.
	 * @param target where the gzip'd profile goes; closed by {@link #close()}
	 * @param header the profile-wide fields
	 * @param mappingFile the program's name, shown by clients as {@code File:}
	 * @throws IOException if the target cannot be written
	 */
	public ProfileWriter(OutputStream target, ProfileHeader header, String mappingFile) throws IOException {
		this.gzip = new FastGzipOutputStream(target);
		this.out = CodedOutputStream.newInstance(this.gzip, 8192);
		this.valueCount = header.sampleTypes().size();
		string("");
		for (ValueType sampleType : header.sampleTypes()) {
			writeValueType(PROFILE_SAMPLE_TYPE, sampleType);
		}
		writeValueType(PROFILE_PERIOD_TYPE, header.periodType());
		this.out.writeInt64(PROFILE_PERIOD, header.period());
		this.out.writeInt64(PROFILE_TIME_NANOS, header.timeNanos());
		if (header.durationNanos() > 0) {
			this.out.writeInt64(PROFILE_DURATION_NANOS, header.durationNanos());
		}
		if (header.defaultSampleType() != null) {
			this.out.writeInt64(PROFILE_DEFAULT_SAMPLE_TYPE, string(header.defaultSampleType()));
		}
		writeMapping(mappingFile);
	}

	/**
	 * Returns the id of the location of {@code inlineChain}, writing it (and any new functions) on first use.
	 * @param inlineChain the frames of one physical frame: inlined callees first, the frame that holds them last
	 * @return the location id, for {@link #sample}
	 * @throws IOException if the target cannot be written
	 */
	public long location(List<Frame> inlineChain) throws IOException {
		Long id = this.locations.get(inlineChain);
		if (id != null) {
			return id;
		}
		if (inlineChain.isEmpty()) {
			throw new IllegalArgumentException("A location needs at least one frame");
		}
		long[] functionIds = new long[inlineChain.size()];
		for (int i = 0; i < functionIds.length; i++) {
			functionIds[i] = function(inlineChain.get(i));
		}
		long locationId = this.locations.size() + 1;
		this.locations.put(List.copyOf(inlineChain), locationId);
		CodedOutputStream location = this.message.start();
		location.writeUInt64(LOCATION_ID, locationId);
		location.writeUInt64(LOCATION_MAPPING_ID, THE_MAPPING);
		for (int i = 0; i < functionIds.length; i++) {
			long line = inlineChain.get(i).line();
			location.writeTag(LOCATION_LINE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			location.writeUInt32NoTag(CodedOutputStream.computeUInt64Size(LINE_FUNCTION_ID, functionIds[i])
					+ CodedOutputStream.computeInt64Size(LINE_LINE, line));
			location.writeUInt64(LINE_FUNCTION_ID, functionIds[i]);
			location.writeInt64(LINE_LINE, line);
		}
		this.message.writeTo(this.out, PROFILE_LOCATION);
		return locationId;
	}

	/**
	 * Writes one sample. Callers merge samples of identical stacks and labels first.
	 * @param locationIds the stack as location ids, leaf first
	 * @param values one value per sample type
	 * @param labels the labels of the sample
	 * @throws IOException if the target cannot be written
	 */
	public void sample(long[] locationIds, long[] values, List<Label> labels) throws IOException {
		if (values.length != this.valueCount) {
			throw new IllegalArgumentException(
					"A sample needs " + this.valueCount + " values, one per sample type, not " + values.length);
		}
		// Each label's strings are looked up once: a profile of many threads has as many samples as events.
		int[] labelStrings = new int[labels.size() * 2];
		int[] labelSizes = new int[labels.size()];
		for (int i = 0; i < labelSizes.length; i++) {
			Label label = labels.get(i);
			labelStrings[2 * i] = string(label.key());
			labelStrings[2 * i + 1] = label.isString() ? string(label.str()) : string(label.unit());
			labelSizes[i] = labelSize(label, labelStrings[2 * i], labelStrings[2 * i + 1]);
		}
		CodedOutputStream sample = this.message.start();
		int idsSize = 0;
		for (long id : locationIds) {
			idsSize += CodedOutputStream.computeUInt64SizeNoTag(id);
		}
		sample.writeTag(SAMPLE_LOCATION_ID, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		sample.writeUInt32NoTag(idsSize);
		for (long id : locationIds) {
			sample.writeUInt64NoTag(id);
		}
		int valuesSize = 0;
		for (long value : values) {
			valuesSize += CodedOutputStream.computeInt64SizeNoTag(value);
		}
		sample.writeTag(SAMPLE_VALUE, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		sample.writeUInt32NoTag(valuesSize);
		for (long value : values) {
			sample.writeInt64NoTag(value);
		}
		for (int i = 0; i < labelSizes.length; i++) {
			Label label = labels.get(i);
			sample.writeTag(SAMPLE_LABEL, WireFormat.WIRETYPE_LENGTH_DELIMITED);
			sample.writeUInt32NoTag(labelSizes[i]);
			sample.writeInt64(LABEL_KEY, labelStrings[2 * i]);
			if (label.isString()) {
				sample.writeInt64(LABEL_STR, labelStrings[2 * i + 1]);
			}
			else {
				sample.writeInt64(LABEL_NUM, label.num());
				if (!label.unit().isEmpty()) {
					sample.writeInt64(LABEL_NUM_UNIT, labelStrings[2 * i + 1]);
				}
			}
		}
		this.message.writeTo(this.out, PROFILE_SAMPLE);
	}

	/**
	 * Adds a free-form comment to the profile, which {@code go tool pprof} shows with its header.
	 * @param text the comment
	 * @throws IOException if the target cannot be written
	 */
	public void comment(String text) throws IOException {
		this.out.writeInt64(PROFILE_COMMENT, string(text));
	}

	/**
	 * Writes the string table and finishes the gzip stream, then closes the target.
	 * @throws IOException if the target cannot be written
	 */
	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			for (String value : this.strings) {
				this.out.writeString(PROFILE_STRING_TABLE, value);
			}
			this.out.flush();
			this.gzip.finish();
		}
		finally {
			this.gzip.close();
		}
	}

	private static int labelSize(Label label, int key, int value) {
		int size = CodedOutputStream.computeInt64Size(LABEL_KEY, key);
		if (label.isString()) {
			return size + CodedOutputStream.computeInt64Size(LABEL_STR, value);
		}
		size += CodedOutputStream.computeInt64Size(LABEL_NUM, label.num());
		if (!label.unit().isEmpty()) {
			size += CodedOutputStream.computeInt64Size(LABEL_NUM_UNIT, value);
		}
		return size;
	}

	private long function(Frame frame) throws IOException {
		FunctionKey key = new FunctionKey(frame.function(), frame.file());
		Long id = this.functions.get(key);
		if (id != null) {
			return id;
		}
		long functionId = this.functions.size() + 1;
		this.functions.put(key, functionId);
		int name = string(frame.function());
		CodedOutputStream function = this.message.start();
		function.writeUInt64(FUNCTION_ID, functionId);
		function.writeInt64(FUNCTION_NAME, name);
		// Go's client demangles system names; Java names stay as they are when both are equal.
		function.writeInt64(FUNCTION_SYSTEM_NAME, name);
		function.writeInt64(FUNCTION_FILENAME, string(frame.file()));
		// No start_line: neither recorded frames (JFR's RecordedMethod) nor StackTraceElement say where a method
		// starts, only which line runs. go tool pprof -list needs the file and each Line.line, not the start.
		this.message.writeTo(this.out, PROFILE_FUNCTION);
		return functionId;
	}

	private void writeMapping(String file) throws IOException {
		CodedOutputStream mapping = this.message.start();
		mapping.writeUInt64(MAPPING_ID, THE_MAPPING);
		mapping.writeInt64(MAPPING_FILENAME, string(file));
		mapping.writeBool(MAPPING_HAS_FUNCTIONS, true);
		mapping.writeBool(MAPPING_HAS_FILENAMES, true);
		mapping.writeBool(MAPPING_HAS_LINE_NUMBERS, true);
		mapping.writeBool(MAPPING_HAS_INLINE_FRAMES, true);
		this.message.writeTo(this.out, PROFILE_MAPPING);
	}

	private void writeValueType(int fieldNumber, ValueType valueType) throws IOException {
		int type = string(valueType.type());
		int unit = string(valueType.unit());
		this.out.writeTag(fieldNumber, WireFormat.WIRETYPE_LENGTH_DELIMITED);
		this.out.writeUInt32NoTag(CodedOutputStream.computeInt64Size(VALUE_TYPE_TYPE, type)
				+ CodedOutputStream.computeInt64Size(VALUE_TYPE_UNIT, unit));
		this.out.writeInt64(VALUE_TYPE_TYPE, type);
		this.out.writeInt64(VALUE_TYPE_UNIT, unit);
	}

	private int string(String value) {
		Integer index = this.stringIndex.get(value);
		if (index == null) {
			index = this.strings.size();
			this.stringIndex.put(value, index);
			this.strings.add(value);
		}
		return index;
	}

	private record FunctionKey(String name, String file) {
	}

	/**
	 * Gzip at the fastest level, as Go's runtime writes its profiles: the default level takes three times as long
	 * for a tenth less output.
	 */
	private static final class FastGzipOutputStream extends GZIPOutputStream {

		FastGzipOutputStream(OutputStream target) throws IOException {
			super(target, 8192);
			this.def.setLevel(Deflater.BEST_SPEED);
		}

	}

}
