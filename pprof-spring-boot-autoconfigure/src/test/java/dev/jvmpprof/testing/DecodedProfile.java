package dev.jvmpprof.testing;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import dev.jvmpprof.testing.proto.ProfileProto;
import dev.jvmpprof.testing.proto.ProfileProto.Location;
import dev.jvmpprof.testing.proto.ProfileProto.Profile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

/**
 * A profile decoded by classes generated from profile.proto, checked against every rule Go's parser enforces, with
 * helpers that resolve ids and string indexes so tests read like the profile.
 */
public final class DecodedProfile {

	private final Profile profile;

	private final Map<Long, Location> locations;

	private final Map<Long, ProfileProto.Function> functions;

	private DecodedProfile(Profile profile) {
		this.profile = profile;
		this.locations = profile.getLocationList().stream().collect(Collectors.toMap(Location::getId, Function.identity()));
		this.functions = profile.getFunctionList()
			.stream()
			.collect(Collectors.toMap(ProfileProto.Function::getId, Function.identity()));
	}

	/**
	 * Decodes a gzip'd profile and checks Go's parsing rules.
	 * @param gzipped the bytes as served
	 * @return the decoded profile
	 * @throws AssertionError if a rule is broken
	 */
	public static DecodedProfile decode(byte[] gzipped) {
		if (gzipped.length < 2 || (gzipped[0] & 0xff) != 0x1f || (gzipped[1] & 0xff) != 0x8b) {
			throw new AssertionError("The profile is not gzip'd");
		}
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzipped))) {
			DecodedProfile decoded = new DecodedProfile(Profile.parseFrom(in));
			decoded.checkGoRules();
			return decoded;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public Profile proto() {
		return this.profile;
	}

	public String string(long index) {
		return this.profile.getStringTable((int) index);
	}

	/**
	 * Returns the profile's comments.
	 * @return the comments, in order
	 */
	public List<String> comments() {
		return this.profile.getCommentList().stream().map(this::string).toList();
	}

	public List<String> sampleTypes() {
		return this.profile.getSampleTypeList().stream().map((t) -> string(t.getType()) + "/" + string(t.getUnit())).toList();
	}

	public String periodType() {
		return string(this.profile.getPeriodType().getType()) + "/" + string(this.profile.getPeriodType().getUnit());
	}

	/**
	 * Returns the function names of a sample's stack, leaf first, inline frames expanded.
	 * @param sample the sample
	 * @return the function names
	 */
	public List<String> functionNames(Sample sample) {
		// Up to the file: a pseudo-frame such as "[live objects not sampled]" has spaces in its name.
		return frames(sample).stream().map((line) -> line.substring(0, line.lastIndexOf(' '))).toList();
	}

	/**
	 * Returns a sample's stack as {@code function file:line} strings, leaf first, inline frames expanded.
	 * @param sample the sample
	 * @return the frames
	 */
	public List<String> frames(Sample sample) {
		List<String> frames = new ArrayList<>();
		for (long locationId : sample.getLocationIdList()) {
			for (ProfileProto.Line line : this.locations.get(locationId).getLineList()) {
				ProfileProto.Function function = this.functions.get(line.getFunctionId());
				frames.add(string(function.getName()) + " " + string(function.getFilename()) + ":" + line.getLine());
			}
		}
		return frames;
	}

	/**
	 * Returns a string label of a sample.
	 * @param sample the sample
	 * @param key the label key
	 * @return the value, or {@code null}
	 */
	public String label(Sample sample, String key) {
		return sample.getLabelList()
			.stream()
			.filter((label) -> string(label.getKey()).equals(key) && label.getStr() != 0)
			.map((label) -> string(label.getStr()))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Sums one value over the samples whose stack contains a function whose name contains {@code text}.
	 * @param valueIndex the sample type index
	 * @param text part of a function name
	 * @return the sum
	 */
	public long sumWhereStackContains(int valueIndex, String text) {
		return this.profile.getSampleList()
			.stream()
			.filter((sample) -> functionNames(sample).stream().anyMatch((name) -> name.contains(text)))
			.mapToLong((sample) -> sample.getValue(valueIndex))
			.sum();
	}

	/**
	 * Returns every value by the sample's stack and labels, what a continuous profiler keys its deltas by, with the
	 * values of samples that share both added up.
	 * @return {@code frames|key=value,...} to the values, in the order of the sample types
	 */
	public Map<String, long[]> valuesByStackAndLabels() {
		Map<String, long[]> values = new HashMap<>();
		for (Sample sample : this.profile.getSampleList()) {
			String labels = sample.getLabelList()
				.stream()
				.map((label) -> string(label.getKey()) + "=" + string(label.getStr()) + label.getNum())
				.sorted()
				.collect(Collectors.joining(","));
			long[] own = sample.getValueList().stream().mapToLong(Long::longValue).toArray();
			values.merge(String.join(";", frames(sample)) + "|" + labels, own, (a, b) -> {
				long[] sum = a.clone();
				for (int i = 0; i < sum.length; i++) {
					sum[i] += b[i];
				}
				return sum;
			});
		}
		return values;
	}

	public long total(int valueIndex) {
		return this.profile.getSampleList().stream().mapToLong((sample) -> sample.getValue(valueIndex)).sum();
	}

	private void checkGoRules() {
		int strings = this.profile.getStringTableCount();
		check(strings > 0 && this.profile.getStringTable(0).isEmpty(), "string_table[0] must be \"\"");
		Set<Long> mappingIds = new HashSet<>();
		this.profile.getMappingList().forEach((mapping) -> {
			check(mapping.getId() != 0 && mappingIds.add(mapping.getId()), "mapping id 0 or repeated");
			checkString(mapping.getFilename(), strings);
			check(mapping.getHasFunctions() && mapping.getHasFilenames() && mapping.getHasLineNumbers(),
					"every mapping declares functions, file names and line numbers");
		});
		Set<Long> functionIds = new HashSet<>();
		this.profile.getFunctionList().forEach((function) -> {
			check(function.getId() != 0 && functionIds.add(function.getId()), "function id 0 or repeated");
			checkString(function.getName(), strings);
			checkString(function.getSystemName(), strings);
			checkString(function.getFilename(), strings);
		});
		Set<Long> locationIds = new HashSet<>();
		this.profile.getLocationList().forEach((location) -> {
			check(location.getId() != 0 && locationIds.add(location.getId()), "location id 0 or repeated");
			check(location.getMappingId() == 0 || mappingIds.contains(location.getMappingId()), "unknown mapping");
			check(location.getLineCount() > 0, "every location has a line, so clients never symbolize");
			location.getLineList()
				.forEach((line) -> check(functionIds.contains(line.getFunctionId()), "unknown function"));
		});
		this.profile.getSampleTypeList().forEach((type) -> {
			checkString(type.getType(), strings);
			checkString(type.getUnit(), strings);
		});
		this.profile.getSampleList().forEach((sample) -> {
			check(sample.getValueCount() == this.profile.getSampleTypeCount(), "one value per sample type");
			sample.getLocationIdList().forEach((id) -> check(locationIds.contains(id), "unknown location " + id));
			sample.getLabelList().forEach((label) -> {
				checkString(label.getKey(), strings);
				checkString(label.getStr(), strings);
				checkString(label.getNumUnit(), strings);
			});
		});
		checkString(this.profile.getDefaultSampleType(), strings);
		checkString(this.profile.getPeriodType().getType(), strings);
	}

	private static void checkString(long index, int strings) {
		check(index >= 0 && index < strings, "string index " + index + " out of range");
	}

	private static void check(boolean rule, String message) {
		if (!rule) {
			throw new AssertionError("Go's parser would reject this profile: " + message);
		}
	}

}
