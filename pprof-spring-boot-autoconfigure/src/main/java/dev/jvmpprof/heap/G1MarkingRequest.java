package dev.jvmpprof.heap;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import com.sun.management.HotSpotDiagnosticMXBean;
import com.sun.management.VMOption;

/**
 * Asks G1 for a concurrent marking of the whole heap now, the collection that finds the old generation's garbage,
 * without the pause of a full collection.
 *
 * <p>How: the JVM offers no call that starts a concurrent cycle ({@code System.gc()} is a full collection unless the
 * command line said otherwise), but G1's periodic collection is one, and its interval is a manageable flag. The
 * interval is set to one millisecond until the young pause that starts the cycle is reported, then set back: the
 * collector's notification comes right after that pause, so one cycle starts, not one every millisecond. Where the
 * command line made periodic collections full ones ({@code -XX:-G1PeriodicGCInvokesConcurrent}), or the flag cannot
 * be set, no marking is asked for.
 */
final class G1MarkingRequest {

	static final String INTERVAL_FLAG = "G1PeriodicGCInterval";

	static final String CONCURRENT_FLAG = "G1PeriodicGCInvokesConcurrent";

	static final String PERIODIC_CAUSE = "G1 Periodic Collection";

	private static final String YOUNG_COLLECTOR = "G1 Young Generation";

	private final HotSpotDiagnosticMXBean diagnostics;

	private final NotificationEmitter youngCollector;

	private G1MarkingRequest(HotSpotDiagnosticMXBean diagnostics, NotificationEmitter youngCollector) {
		this.diagnostics = diagnostics;
		this.youngCollector = youngCollector;
	}

	/**
	 * Returns the request where this JVM collects with G1 and lets its periodic collection be started concurrently.
	 * @return the request, or empty where a marking cannot be asked for this way
	 */
	static Optional<G1MarkingRequest> ofThisJvm() {
		try {
			HotSpotDiagnosticMXBean diagnostics = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
			VMOption interval = diagnostics.getVMOption(INTERVAL_FLAG);
			boolean concurrent = Boolean.parseBoolean(diagnostics.getVMOption(CONCURRENT_FLAG).getValue());
			if (!interval.isWriteable() || !concurrent) {
				return Optional.empty();
			}
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (YOUNG_COLLECTOR.equals(collector.getName()) && collector instanceof NotificationEmitter emitter) {
					return Optional.of(new G1MarkingRequest(diagnostics, emitter));
				}
			}
		}
		catch (RuntimeException ex) {
			// No such flag: not G1, or not HotSpot.
		}
		return Optional.empty();
	}

	/**
	 * Starts a concurrent cycle and returns once its first pause has run, or after {@code atMost}.
	 * @param atMost the longest to wait for the cycle to start; G1 starts none while a cycle of its own runs
	 * @return whether the cycle started
	 * @throws InterruptedException if interrupted while waiting
	 */
	synchronized boolean start(Duration atMost) throws InterruptedException {
		String before = this.diagnostics.getVMOption(INTERVAL_FLAG).getValue();
		CountDownLatch started = new CountDownLatch(1);
		NotificationListener listener = (notification, handback) -> {
			if (isPeriodicPause(notification)) {
				restore(before);
				started.countDown();
			}
		};
		this.youngCollector.addNotificationListener(listener, null, null);
		try {
			this.diagnostics.setVMOption(INTERVAL_FLAG, "1");
			return started.await(atMost.toMillis(), TimeUnit.MILLISECONDS);
		}
		finally {
			restore(before);
			try {
				this.youngCollector.removeNotificationListener(listener);
			}
			catch (ListenerNotFoundException ex) {
				// Never added.
			}
		}
	}

	private void restore(String interval) {
		this.diagnostics.setVMOption(INTERVAL_FLAG, interval);
	}

	private static boolean isPeriodicPause(Notification notification) {
		if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			return false;
		}
		GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
			.from((CompositeData) notification.getUserData());
		return PERIODIC_CAUSE.equals(info.getGcCause());
	}

}
