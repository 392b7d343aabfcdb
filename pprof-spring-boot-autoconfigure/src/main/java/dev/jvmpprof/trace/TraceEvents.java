package dev.jvmpprof.trace;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jdk.jfr.EventType;

/**
 * The event types a {@code trace} may hold: those that describe this JVM's own execution. An allow-list, not a
 * block-list, so that an event type a newer JDK adds stays out until someone has read what it carries.
 *
 * <p>Left out on purpose: the JVM's arguments, flags, system and security properties and environment
 * ({@code jdk.JVMInformation}, {@code jdk.*Flag}, {@code jdk.Initial*}), other processes and the host
 * ({@code jdk.SystemProcess}, {@code jdk.ProcessStart}, {@code jdk.OSInformation}, {@code jdk.NetworkUtilization},
 * {@code jdk.NativeLibrary}), agents' options, recordings' settings, security and TLS events, thread dumps
 * ({@code goroutine?debug=2} has them), and events that carry application text: exception messages
 * ({@code jdk.JavaExceptionThrow}, {@code jdk.JavaErrorThrow}) and the leak profiler's object descriptions
 * ({@code jdk.OldObjectSample}).
 */
final class TraceEvents {

	static final Set<String> ALLOWED = Set.copyOf(List.of(
			// Samples of what threads execute.
			"jdk.ExecutionSample", "jdk.NativeMethodSample", "jdk.CPUTimeSample", "jdk.CPUTimeSamplesLost",
			"jdk.MethodTiming", "jdk.MethodTrace",
			// Allocation.
			"jdk.ObjectAllocationSample", "jdk.ObjectAllocationInNewTLAB", "jdk.ObjectAllocationOutsideTLAB",
			"jdk.AllocationRequiringGC", "jdk.ThreadAllocationStatistics",
			// Garbage collection and the heap.
			"jdk.GarbageCollection", "jdk.YoungGarbageCollection", "jdk.OldGarbageCollection",
			"jdk.G1GarbageCollection", "jdk.ParallelOldGarbageCollection", "jdk.SystemGC", "jdk.GCConfiguration",
			"jdk.GCHeapConfiguration", "jdk.YoungGenerationConfiguration", "jdk.GCSurvivorConfiguration",
			"jdk.GCTLABConfiguration", "jdk.GCHeapSummary", "jdk.G1HeapSummary", "jdk.PSHeapSummary",
			"jdk.MetaspaceSummary", "jdk.GCHeapMemoryUsage", "jdk.GCHeapMemoryPoolUsage", "jdk.GCPhasePause",
			"jdk.GCPhasePauseLevel1", "jdk.GCPhasePauseLevel2", "jdk.GCPhasePauseLevel3", "jdk.GCPhasePauseLevel4",
			"jdk.GCPhaseConcurrent", "jdk.GCPhaseConcurrentLevel1", "jdk.GCPhaseConcurrentLevel2",
			"jdk.GCPhaseParallel", "jdk.GCReferenceStatistics", "jdk.GCCPUTime", "jdk.GCLocker", "jdk.G1MMU",
			"jdk.G1EvacuationYoungStatistics", "jdk.G1EvacuationOldStatistics", "jdk.G1BasicIHOP",
			"jdk.G1AdaptiveIHOP", "jdk.G1HeapRegionTypeChange", "jdk.G1HeapRegionInformation",
			"jdk.EvacuationInformation", "jdk.EvacuationFailed", "jdk.PromotionFailed", "jdk.ConcurrentModeFailure",
			"jdk.TenuringDistribution", "jdk.PromoteObjectInNewPLAB", "jdk.PromoteObjectOutsidePLAB",
			"jdk.ObjectCount", "jdk.ObjectCountAfterGC", "jdk.MetaspaceGCThreshold", "jdk.MetaspaceAllocationFailure",
			"jdk.MetaspaceOOM", "jdk.MetaspaceChunkFreeListSummary", "jdk.ZAllocationStall", "jdk.ZPageAllocation",
			"jdk.ZRelocationSet", "jdk.ZRelocationSetGroup", "jdk.ZStatisticsCounter", "jdk.ZStatisticsSampler",
			"jdk.ZThreadPhase", "jdk.ZUncommit", "jdk.ZUnmap", "jdk.ZYoungGarbageCollection",
			"jdk.ZOldGarbageCollection", "jdk.ShenandoahHeapRegionStateChange",
			"jdk.ShenandoahHeapRegionInformation", "jdk.ShenandoahEvacuationInformation",
			// Memory of the process.
			"jdk.PhysicalMemory", "jdk.SwapSpace", "jdk.ResidentSetSize", "jdk.NativeMemoryUsage",
			"jdk.NativeMemoryUsageTotal", "jdk.DirectBufferStatistics",
			// Locks, waits and threads.
			"jdk.JavaMonitorEnter", "jdk.JavaMonitorWait", "jdk.JavaMonitorNotify", "jdk.JavaMonitorInflate",
			"jdk.JavaMonitorDeflate", "jdk.JavaMonitorStatistics", "jdk.ThreadPark", "jdk.ThreadSleep",
			"jdk.BiasedLockRevocation", "jdk.BiasedLockSelfRevocation", "jdk.BiasedLockClassRevocation",
			"jdk.SyncOnValueBasedClass", "jdk.ThreadStart", "jdk.ThreadEnd", "jdk.ThreadCPULoad",
			"jdk.JavaThreadStatistics", "jdk.ThreadContextSwitchRate", "jdk.VirtualThreadStart",
			"jdk.VirtualThreadEnd", "jdk.VirtualThreadPinned", "jdk.VirtualThreadSubmitFailed",
			"jdk.ContinuationFreeze", "jdk.ContinuationFreezeFast", "jdk.ContinuationFreezeSlow",
			"jdk.ContinuationThaw", "jdk.ContinuationThawFast", "jdk.ContinuationThawSlow",
			// File and socket I/O: paths and addresses, never contents.
			"jdk.FileRead", "jdk.FileWrite", "jdk.FileForce", "jdk.SocketRead", "jdk.SocketWrite",
			// The compiler and the code cache.
			"jdk.Compilation", "jdk.CompilationFailure", "jdk.CompilerInlining", "jdk.CompilerPhase",
			"jdk.CompilerConfiguration", "jdk.CompilerStatistics", "jdk.CompilerQueueUtilization", "jdk.Deoptimization",
			"jdk.JITRestart", "jdk.CodeCacheFull", "jdk.CodeCacheStatistics", "jdk.CodeCacheConfiguration",
			"jdk.CodeSweeperStatistics", "jdk.CodeSweeperConfiguration", "jdk.SweepCodeCache",
			// Classes and modules.
			"jdk.ClassLoad", "jdk.ClassDefine", "jdk.ClassUnload", "jdk.ClassRedefinition", "jdk.RedefineClasses",
			"jdk.RetransformClasses", "jdk.ClassLoadingStatistics", "jdk.ClassLoaderStatistics",
			"jdk.ModuleRequire", "jdk.ModuleExport", "jdk.DeprecatedInvocation", "jdk.SymbolTableStatistics",
			"jdk.StringTableStatistics", "jdk.PlaceholderTableStatistics", "jdk.LoaderConstraintsTableStatistics",
			"jdk.ProtectionDomainCacheTableStatistics",
			// Safepoints and VM operations.
			"jdk.SafepointBegin", "jdk.SafepointStateSynchronization", "jdk.SafepointCleanup",
			"jdk.SafepointCleanupTask", "jdk.SafepointEnd", "jdk.SafepointLatency", "jdk.ExecuteVMOperation",
			// The processor, as this process sees it.
			"jdk.CPULoad", "jdk.CPUInformation", "jdk.CPUTimeStampCounter", "jdk.ContainerCPUUsage",
			"jdk.ContainerCPUThrottling", "jdk.ContainerMemoryUsage", "jdk.ContainerIOUsage",
			// Counts, and the recorder's own bookkeeping.
			"jdk.ExceptionStatistics", "jdk.FinalizerStatistics", "jdk.ReservedStackActivation", "jdk.DataLoss"));

	private TraceEvents() {
	}

	static boolean isAllowed(String eventType) {
		return ALLOWED.contains(eventType);
	}

	/**
	 * Restricts a recording's settings to the allowed events, and turns every other known event type off
	 * explicitly: an event type that no setting names is recorded by its own default, which is on.
	 * @param settings the settings to start from, such as the JDK's {@code profile}
	 * @param known the event types registered in this JVM
	 * @return the settings for the {@code trace} recording
	 */
	static Map<String, String> restrict(Map<String, String> settings, List<EventType> known) {
		Map<String, String> restricted = new HashMap<>();
		for (EventType type : known) {
			if (!isAllowed(type.getName())) {
				restricted.put(type.getName() + "#enabled", "false");
			}
		}
		settings.forEach((key, value) -> {
			int hash = key.indexOf('#');
			if (hash > 0 && isAllowed(key.substring(0, hash))) {
				restricted.put(key, value);
			}
		});
		return restricted;
	}

}
