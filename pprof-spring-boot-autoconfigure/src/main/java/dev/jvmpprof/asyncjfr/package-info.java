/**
 * Reads async-profiler's recordings without {@code jdk.jfr.consumer}: async-profiler's own reader
 * ({@code one.jfr.JfrReader}) parses each chunk's constant pools, and a small walk of the chunk's events decodes
 * the few fields a sample needs, straight from the bytes. The JDK's reader looks every field up by name and makes
 * objects for every event and thread; this path makes none per event, which is what lets a profile be encoded in
 * a fraction of the time. Flight Recorder's own recordings (the fallback engine, lock profiles) are still read
 * with {@code jdk.jfr.consumer}.
 */
package dev.jvmpprof.asyncjfr;
