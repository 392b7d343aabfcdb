package dev.jvmpprof.sample;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * A pool of {@code sample.idle-threads} worker threads that wait for work and never get any, as a busy service's
 * pools do between bursts; only there when the property is set, so that thread profiles can be measured at scale.
 */
@Component
@ConditionalOnProperty("sample.idle-threads")
public class IdleThreads implements DisposableBean {

	private final ThreadPoolExecutor pool;

	public IdleThreads(@Value("${sample.idle-threads}") int count) {
		AtomicInteger number = new AtomicInteger();
		ThreadFactory factory = (task) -> {
			Thread thread = new Thread(task, "idle-worker-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
		this.pool = new ThreadPoolExecutor(count, count, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), factory);
		this.pool.prestartAllCoreThreads();
	}

	@Override
	public void destroy() {
		this.pool.shutdownNow();
	}
}
