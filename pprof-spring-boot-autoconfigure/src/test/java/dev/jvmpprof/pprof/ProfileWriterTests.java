package dev.jvmpprof.pprof;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.jvmpprof.testing.DecodedProfile;
import dev.jvmpprof.testing.proto.ProfileProto.Sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ProfileWriterTests {

	private static final ProfileHeader CPU_HEADER = new ProfileHeader(
			List.of(new ValueType("samples", "count"), new ValueType("cpu", "nanoseconds")),
			new ValueType("cpu", "nanoseconds"), 10_000_000, 1_700_000_000_000_000_000L, 2_000_000_000L, null);

	@Test
	void writeShouldProduceAProfileThatGoWouldParseWithTheHeaderFields() throws IOException {
		DecodedProfile profile = DecodedProfile.decode(write(CPU_HEADER, (writer) -> {
			long leaf = writer.location(List.of(new Frame("com.example.Orders.place", "com/example/Orders.java", 42)));
			writer.sample(new long[] { leaf }, new long[] { 3, 30_000_000 }, List.of(Label.of("thread", "main")));
		}));
		assertThat(profile.sampleTypes()).containsExactly("samples/count", "cpu/nanoseconds");
		assertThat(profile.periodType()).isEqualTo("cpu/nanoseconds");
		assertThat(profile.proto().getPeriod()).isEqualTo(10_000_000);
		assertThat(profile.proto().getTimeNanos()).isEqualTo(1_700_000_000_000_000_000L);
		assertThat(profile.proto().getDurationNanos()).isEqualTo(2_000_000_000L);
		assertThat(profile.proto().getDefaultSampleType()).isZero();
		assertThat(profile.proto().getMappingCount()).isOne();
		assertThat(profile.string(profile.proto().getMapping(0).getFilename())).isEqualTo("app.jar");
		assertThat(profile.proto().getMapping(0).getHasInlineFrames()).isTrue();
		Sample sample = profile.proto().getSample(0);
		assertThat(sample.getValueList()).containsExactly(3L, 30_000_000L);
		assertThat(profile.frames(sample)).containsExactly("com.example.Orders.place com/example/Orders.java:42");
		assertThat(profile.label(sample, "thread")).isEqualTo("main");
	}

	@Test
	void writeShouldKeepInlinedFramesAsLinesOfOneLocation() throws IOException {
		DecodedProfile profile = DecodedProfile.decode(write(CPU_HEADER, (writer) -> {
			long inlined = writer.location(List.of(new Frame("a.B.callee", "a/B.java", 7), new Frame("a.B.caller", "a/B.java", 20)));
			long root = writer.location(List.of(new Frame("a.Main.main", "a/Main.java", 3)));
			writer.sample(new long[] { inlined, root }, new long[] { 1, 10 }, List.of());
		}));
		assertThat(profile.proto().getLocationCount()).isEqualTo(2);
		assertThat(profile.proto().getLocation(0).getLineCount()).isEqualTo(2);
		assertThat(profile.frames(profile.proto().getSample(0))).containsExactly("a.B.callee a/B.java:7",
				"a.B.caller a/B.java:20", "a.Main.main a/Main.java:3");
	}

	@Test
	void writeShouldDeduplicateStringsFunctionsAndLocations() throws IOException {
		DecodedProfile profile = DecodedProfile.decode(write(CPU_HEADER, (writer) -> {
			Frame frame = new Frame("a.B.c", "a/B.java", 1);
			long first = writer.location(List.of(frame));
			long again = writer.location(List.of(new Frame("a.B.c", "a/B.java", 1)));
			long otherLine = writer.location(List.of(new Frame("a.B.c", "a/B.java", 2)));
			assertThat(again).isEqualTo(first);
			assertThat(otherLine).isNotEqualTo(first);
			writer.sample(new long[] { first, otherLine }, new long[] { 1, 10 }, List.of(Label.of("thread", "a.B.c")));
		}));
		assertThat(profile.proto().getFunctionCount()).isOne();
		assertThat(profile.proto().getLocationCount()).isEqualTo(2);
		assertThat(profile.proto().getStringTableList()).doesNotHaveDuplicates();
	}

	@Test
	void writeShouldEncodeNegativeValuesNumericLabelsAndTheDefaultSampleType() throws IOException {
		ProfileHeader heap = new ProfileHeader(
				List.of(new ValueType("alloc_space", "bytes"), new ValueType("inuse_space", "bytes")),
				new ValueType("space", "bytes"), 524288, 1, 0, "alloc_space");
		DecodedProfile profile = DecodedProfile.decode(write(heap, (writer) -> {
			long location = writer.location(List.of(Frame.named("long[]")));
			writer.sample(new long[] { location }, new long[] { -1024, Long.MAX_VALUE }, List.of(Label.of("bytes", 64, "bytes")));
		}));
		Sample sample = profile.proto().getSample(0);
		assertThat(sample.getValueList()).containsExactly(-1024L, Long.MAX_VALUE);
		assertThat(sample.getLabel(0).getNum()).isEqualTo(64);
		assertThat(profile.string(sample.getLabel(0).getNumUnit())).isEqualTo("bytes");
		assertThat(profile.string(profile.proto().getDefaultSampleType())).isEqualTo("alloc_space");
		assertThat(profile.proto().getDurationNanos()).isZero();
	}

	@Test
	void writeShouldUseFieldTagsBeyondFifteenCorrectly() throws IOException {
		// Many distinct strings push indexes past one byte; many locations push ids past one byte.
		DecodedProfile profile = DecodedProfile.decode(write(CPU_HEADER, (writer) -> {
			for (int i = 0; i < 1000; i++) {
				long location = writer.location(List.of(new Frame("pkg.C.m" + i, "pkg/C.java", i)));
				writer.sample(new long[] { location }, new long[] { 1, 10 }, List.of());
			}
		}));
		assertThat(profile.proto().getSampleCount()).isEqualTo(1000);
		assertThat(profile.frames(profile.proto().getSample(999))).containsExactly("pkg.C.m999 pkg/C.java:999");
	}

	@Test
	void sampleShouldRejectAValueCountThatDiffersFromTheSampleTypes() throws IOException {
		ProfileWriter writer = new ProfileWriter(new ByteArrayOutputStream(), CPU_HEADER, "app.jar");
		long location = writer.location(List.of(Frame.named("x")));
		assertThatIllegalArgumentException().isThrownBy(() -> writer.sample(new long[] { location }, new long[] { 1 }, List.of()))
			.withMessageContaining("needs 2 values");
	}

	@Test
	void sampleTableShouldMergeIdenticalStacksAndLabels() throws IOException {
		DecodedProfile profile = DecodedProfile.decode(write(CPU_HEADER, (writer) -> {
			long a = writer.location(List.of(Frame.named("a")));
			long b = writer.location(List.of(Frame.named("b")));
			SampleTable table = new SampleTable(2);
			table.add(new long[] { a, b }, List.of(Label.of("thread", "t1")), 1, 10);
			table.add(new long[] { a, b }, List.of(Label.of("thread", "t1")), 1, 10);
			table.add(new long[] { a, b }, List.of(Label.of("thread", "t2")), 1, 10);
			table.add(new long[] { b }, List.of(Label.of("thread", "t1")), 1, 10);
			assertThat(table.size()).isEqualTo(3);
			table.writeTo(writer);
		}));
		assertThat(profile.proto().getSampleList()).extracting((sample) -> sample.getValue(0)).containsExactly(2L, 1L, 1L);
	}

	private static byte[] write(ProfileHeader header, WriterAction action) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ProfileWriter writer = new ProfileWriter(out, header, "app.jar")) {
			action.accept(writer);
		}
		return out.toByteArray();
	}

	@FunctionalInterface
	private interface WriterAction {

		void accept(ProfileWriter writer) throws IOException;

	}

}
