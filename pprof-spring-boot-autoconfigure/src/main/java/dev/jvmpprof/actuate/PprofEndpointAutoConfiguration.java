package dev.jvmpprof.actuate;

import java.util.Objects;
import java.util.function.Function;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

import dev.jvmpprof.cmdline.CommandLine;
import dev.jvmpprof.engine.EngineSelection;
import dev.jvmpprof.engine.JfrEngine;
import dev.jvmpprof.engine.SamplingEngine;
import dev.jvmpprof.engine.SamplingSettings;
import dev.jvmpprof.goroutine.GoroutineProfileCollector;
import dev.jvmpprof.heap.HeapProfileSource;
import dev.jvmpprof.heap.HeapSampler;
import dev.jvmpprof.index.IndexPage;
import dev.jvmpprof.jfr.ContinuousRecording;
import dev.jvmpprof.lock.BlockProfileCollector;
import dev.jvmpprof.lock.LockWaitRecorder;
import dev.jvmpprof.lock.MutexProfileCollector;
import dev.jvmpprof.profile.ProfileDispatcher;
import dev.jvmpprof.profile.ProfileName;
import dev.jvmpprof.profile.ProfileSource;
import dev.jvmpprof.sampled.SampledProfileCollector;
import dev.jvmpprof.symbol.SymbolSource;
import dev.jvmpprof.threadcreate.ThreadCreateProfileCollector;
import dev.jvmpprof.threadcreate.ThreadStartRecorder;
import dev.jvmpprof.trace.TraceCollector;

/**
 * {@link org.springframework.boot.autoconfigure.EnableAutoConfiguration Auto-configuration} for the
 * {@link PprofEndpoint}: its collectors and engine, and the handler that labels samples with their request, each
 * replaceable by a bean of the user's.
 */
@AutoConfiguration
@ConditionalOnAvailableEndpoint(PprofEndpoint.class)
@EnableConfigurationProperties(PprofProperties.class)
public class PprofEndpointAutoConfiguration {

	private static final String LOCK_ALWAYS_ON = "pprof.lock.always-on";

	private static final String LOCK_WAITS_OFF = "lock waits are not recorded since startup: set " + LOCK_ALWAYS_ON
			+ "=true to record them, or ask for a window with ?seconds=N";

	@Bean
	@ConditionalOnMissingBean
	public SamplingEngine pprofSamplingEngine(PprofProperties properties) {
		return EngineSelection.select(properties.getEngine(), samplingSettings(properties));
	}

	@Bean
	@ConditionalOnMissingBean(name = "cpuProfileCollector")
	public SampledProfileCollector cpuProfileCollector(SamplingEngine engine) {
		// The period comes with each window from the engine, so a user's engine keeps its own interval.
		return SampledProfileCollector.cpu(engine, CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean
	public GoroutineProfileCollector goroutineProfileCollector() {
		return new GoroutineProfileCollector(CommandLine.programName(), JsonParserFactory.getJsonParser()::parseMap);
	}

	@Bean
	@ConditionalOnMissingBean
	public ContinuousRecording pprofContinuousRecording(ObjectProvider<StartedRecorders> started) {
		// Shared by the heap sampler and the recorders below; it runs while at least one of them does.
		ContinuousRecording early = adopt(started, StartedRecorders::adoptRecording);
		return (early != null) ? early : new ContinuousRecording();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pprof.threadcreate.enabled", matchIfMissing = true)
	public ThreadStartRecorder pprofThreadStartRecorder(ContinuousRecording recording,
			ObjectProvider<StartedRecorders> started) {
		// Started before the context where it could be, else now, so that threadcreate answers "since startup".
		ThreadStartRecorder early = adopt(started, (recorders) -> recorders.adoptThreadStartRecorder(recording));
		if (early != null) {
			return early;
		}
		ThreadStartRecorder recorder = new ThreadStartRecorder(recording);
		recorder.start();
		return recorder;
	}

	@Bean
	@ConditionalOnMissingBean
	public ThreadCreateProfileCollector threadCreateProfileCollector(ObjectProvider<ThreadStartRecorder> recorder) {
		ThreadStartRecorder running = recorder.getIfAvailable();
		if (running == null) {
			return ThreadCreateProfileCollector.disabled(
					"thread starts are not recorded: set pprof.threadcreate.enabled=true to record them from startup");
		}
		return ThreadCreateProfileCollector.of(running, CommandLine.programName());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "pprof.heap.enabled", matchIfMissing = true)
	public HeapSampler pprofHeapSampler(PprofProperties properties, ContinuousRecording recording,
			ObjectProvider<StartedRecorders> started) {
		// Started before the context where it could be, else now, so that heap and allocs answer at once, for
		// everything since startup.
		long interval = properties.getHeap().getSampleInterval().toBytes();
		HeapSampler sampler = adopt(started, (recorders) -> recorders.adoptHeapSampler(interval, recording));
		if (sampler == null) {
			sampler = new HeapSampler(interval, Thread.currentThread().getContextClassLoader(), recording);
			sampler.start();
		}
		sampler.askForMarkings(properties.getHeap().isMarking());
		return sampler;
	}

	@Bean
	@ConditionalOnMissingBean(name = "heapProfileSource")
	public HeapProfileSource heapProfileSource(ObjectProvider<HeapSampler> sampler) {
		return new HeapProfileSource(ProfileName.HEAP, sampler.getIfAvailable(), CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean(name = "allocsProfileSource")
	public HeapProfileSource allocsProfileSource(ObjectProvider<HeapSampler> sampler) {
		return new HeapProfileSource(ProfileName.ALLOCS, sampler.getIfAvailable(), CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean
	public TraceCollector traceCollector() {
		return new TraceCollector();
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@Conditional(LockAlwaysOnCondition.class)
	public LockWaitRecorder pprofLockWaitRecorder(ContinuousRecording recording, PprofProperties properties) {
		// Started with the context, so that plain block and mutex answer at once with every wait since startup.
		LockWaitRecorder recorder = new LockWaitRecorder(recording, properties.getLock().getThreshold(),
				properties.getLock().isIdleWaits());
		recorder.start();
		return recorder;
	}

	@Bean
	@ConditionalOnMissingBean
	public BlockProfileCollector blockProfileCollector(PprofProperties properties,
			ObjectProvider<LockWaitRecorder> recorder) {
		// Lock waits come from Flight Recorder whatever samples CPU: it records every kind of wait.
		JfrEngine windows = new JfrEngine(samplingSettings(properties));
		LockWaitRecorder running = recorder.getIfAvailable();
		boolean idleWaits = properties.getLock().isIdleWaits();
		return (running != null) ? new BlockProfileCollector(windows, running, idleWaits, CommandLine.programName())
				: new BlockProfileCollector(windows, LOCK_WAITS_OFF, idleWaits, CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean
	public MutexProfileCollector mutexProfileCollector(PprofProperties properties,
			ObjectProvider<LockWaitRecorder> recorder) {
		JfrEngine windows = new JfrEngine(samplingSettings(properties));
		LockWaitRecorder running = recorder.getIfAvailable();
		return (running != null) ? new MutexProfileCollector(windows, running, CommandLine.programName())
				: new MutexProfileCollector(windows, LOCK_WAITS_OFF, CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean(name = "wallProfileCollector")
	public SampledProfileCollector wallProfileCollector(SamplingEngine engine) {
		return SampledProfileCollector.wall(engine, CommandLine.programName());
	}

	@Bean
	@ConditionalOnMissingBean
	public CommandLine pprofCommandLine() {
		return CommandLine.current();
	}

	@Bean
	@ConditionalOnMissingBean
	public SymbolSource pprofSymbolSource() {
		return new SymbolSource();
	}

	@Bean
	@ConditionalOnMissingBean
	public ProfileDispatcher pprofProfileDispatcher(ObjectProvider<ProfileSource> sources,
			PprofProperties properties) {
		return new ProfileDispatcher(sources.orderedStream().toList(), properties.getMaxDuration());
	}

	@Bean
	@ConditionalOnMissingBean
	public PprofEndpoint pprofEndpoint(ProfileDispatcher dispatcher,
			ObjectProvider<PathMappedEndpoints> pathMappedEndpoints) {
		IndexPage index = new IndexPage(dispatcher::serves,
				() -> Objects.requireNonNullElse(PprofPaths.endpointPath(pathMappedEndpoints), ""));
		return new PprofEndpoint(dispatcher, index);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "io.micrometer.observation.ObservationHandler",
			"org.springframework.http.server.observation.ServerRequestObservationContext" })
	@ConditionalOnBooleanProperty(name = "pprof.labels.enabled", matchIfMissing = true)
	static class RequestLabelsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		RequestLabelsObservationHandler pprofRequestLabelsObservationHandler() {
			// Boot registers every ObservationHandler bean with the application's ObservationRegistry.
			return new RequestLabelsObservationHandler();
		}

	}

	/**
	 * Matches where lock waits are to be recorded from startup: as {@code pprof.lock.always-on} says, and where it
	 * is {@code auto}, from Java 25 on. Before Java 25, Flight Recorder watching contended monitor entry cost 12% of
	 * the throughput of a lock taken millions of times a second (BENCHMARKS.md); from Java 25 nothing measurable.
	 */
	static class LockAlwaysOnCondition extends SpringBootCondition {

		static final int AUTO_FROM_JAVA = 25;

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			ConditionMessage.Builder message = ConditionMessage.forCondition("pprof lock waits since startup");
			String value = context.getEnvironment().getProperty(LOCK_ALWAYS_ON, "auto").trim();
			if (value.equalsIgnoreCase("auto")) {
				int java = Runtime.version().feature();
				return new ConditionOutcome(java >= AUTO_FROM_JAVA,
						message.because(LOCK_ALWAYS_ON + " is auto and this is Java " + java));
			}
			if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
				// Conditions run before the properties bind: the one place this value is read and checked.
				throw new InvalidPprofPropertyException(LOCK_ALWAYS_ON, value, "one of auto, true, false");
			}
			boolean alwaysOn = Boolean.parseBoolean(value);
			return new ConditionOutcome(alwaysOn, message.because(LOCK_ALWAYS_ON + " is " + value));
		}

	}

	private static <T> T adopt(ObjectProvider<StartedRecorders> started, Function<StartedRecorders, T> adoption) {
		StartedRecorders recorders = started.getIfAvailable();
		return (recorders != null) ? adoption.apply(recorders) : null;
	}

	private static SamplingSettings samplingSettings(PprofProperties properties) {
		return new SamplingSettings(properties.getCpu().getInterval(), properties.getWall().getInterval(),
				properties.getLock().getThreshold());
	}

}
