package dev.jvmpprof.sample;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;

import org.springframework.stereotype.Component;

/**
 * Bounded in-memory cache of product payloads that evicts its oldest entries beyond 16 MiB.
 */
@Component
public class ProductCache {

	static final long MAX_BYTES = 16L * 1024 * 1024;

	private long totalBytes;

	// Insertion order makes the first entry the oldest, so eviction is a walk from the head.
	private final LinkedHashMap<Long, byte[]> entries = new LinkedHashMap<>();

	/**
	 * Stores a payload, evicting the oldest entries if the cache grows past its budget.
	 */
	public synchronized void put(long productId, byte[] payload) {
		byte[] previous = entries.put(productId, payload);
		totalBytes += payload.length - (previous == null ? 0 : previous.length);
		// Explicit trimming rather than removeEldestEntry, which can drop only one entry per put.
		Iterator<byte[]> oldest = entries.values().iterator();
		while (totalBytes > MAX_BYTES && oldest.hasNext()) {
			totalBytes -= oldest.next().length;
			oldest.remove();
		}
	}

	/**
	 * Returns a SHA-256 digest over every cached payload, in cache order, as hex.
	 */
	public synchronized String checksum() {
		MessageDigest digest = sha256();
		for (byte[] payload : entries.values()) {
			digest.update(payload);
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/**
	 * Returns the number of cached entries.
	 */
	public synchronized int size() {
		return entries.size();
	}

	/**
	 * Returns the number of payload bytes currently cached.
	 */
	public synchronized long totalBytes() {
		return totalBytes;
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			// Every Java platform is required to provide SHA-256, so this cannot happen in practice.
			throw new IllegalStateException(ex);
		}
	}
}
