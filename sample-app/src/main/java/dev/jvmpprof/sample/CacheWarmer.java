package dev.jvmpprof.sample;

import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Background job that refreshes the {@link ProductCache} so an otherwise idle app still shows up in a profile.
 */
@Component
public class CacheWarmer {

	private static final Logger logger = LoggerFactory.getLogger(CacheWarmer.class);

	static final int PAYLOAD_BYTES = 64 * 1024;

	// 2 MiB per run: the 16 MiB cache turns over every few runs, so allocation and eviction never stop.
	static final int ENTRIES_PER_RUN = 32;

	private final ProductCache cache;

	private long nextProductId;

	public CacheWarmer(ProductCache cache) {
		this.cache = cache;
	}

	/**
	 * Loads fresh payloads into the cache and hashes its full contents.
	 */
	@Scheduled(fixedDelay = 2000)
	public void warm() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		for (int i = 0; i < ENTRIES_PER_RUN; i++) {
			byte[] payload = new byte[PAYLOAD_BYTES];
			random.nextBytes(payload);
			cache.put(nextProductId++, payload);
		}
		// Hashing the whole cache is the steady CPU load a profile of an idle app should still find.
		String checksum = cache.checksum();
		logger.debug("Cache holds {} entries ({} bytes), sha256 {}", cache.size(), cache.totalBytes(), checksum);
	}
}
