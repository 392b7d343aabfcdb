package dev.jvmpprof.heap;

import java.io.Closeable;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;

/**
 * Bounds the bytes still alive of the heap that was in use when sampling started, which no live sample can stand
 * for.
 *
 * <p>The heap in use when sampling starts also counts garbage that no collection has freed yet (at startup, or a
 * previous application's in a JVM with history); kept for the sampler's whole life, that count takes bytes from the
 * sampled objects forever. Objects allocated before sampling can only die, so every reading of the heap in use
 * after a collection bounds what is left of them, and so does such a reading less the sampled objects that were
 * allocated since: this keeps the smallest bound seen, which can only shrink.
 */
final class PreSamplingHeap implements NotificationListener, Closeable {

	private final AtomicLong bytes;

	private final List<NotificationEmitter> collectors = new ArrayList<>();

	private PreSamplingHeap(long bytes) {
		this.bytes = new AtomicLong(bytes);
	}

	/**
	 * Starts bounding from the heap in use after the last collection, then lowers the bound after each one.
	 * @return the bound, to close when sampling stops
	 */
	static PreSamplingHeap start() {
		PreSamplingHeap heap = new PreSamplingHeap(HeapUsage.afterLastGc());
		for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
			if (collector instanceof NotificationEmitter emitter) {
				emitter.addNotificationListener(heap, null, null);
				heap.collectors.add(emitter);
			}
		}
		return heap;
	}

	/**
	 * Returns the bound now.
	 * @return the bytes at most still alive of what was allocated before sampling started
	 */
	long bytes() {
		return this.bytes.get();
	}

	/**
	 * Lowers the bound to {@code atMost} if that is smaller.
	 * @param atMost another bound, such as the heap in use after the last collection less the live samples
	 * @return the bound now
	 */
	long lowerTo(long atMost) {
		return this.bytes.accumulateAndGet(Math.max(atMost, 0), Math::min);
	}

	@Override
	public void handleNotification(Notification notification, Object handback) {
		if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
			GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
				.from((CompositeData) notification.getUserData());
			lowerTo(HeapUsage.heapUsed(info.getGcInfo().getMemoryUsageAfterGc()));
		}
	}

	/**
	 * Stops listening to collections.
	 */
	@Override
	public void close() {
		for (NotificationEmitter collector : this.collectors) {
			try {
				collector.removeNotificationListener(this);
			}
			catch (ListenerNotFoundException ex) {
				// Already gone: nothing to release.
			}
		}
		this.collectors.clear();
	}

}
