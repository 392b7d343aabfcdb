package dev.jvmpprof.threadcreate;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A Flight Recorder event that the {@link ThreadStartRecorder} commits and reads back to know that every thread
 * start before it has been delivered; enabled only in the recorder's own stream.
 */
@Name(ThreadStartMark.NAME)
@Label("pprof Thread Start Mark")
@Category("pprof")
@Description("A moment up to which the pprof threadcreate profile has read its thread starts")
@Enabled(false)
@StackTrace(false)
final class ThreadStartMark extends Event {

	static final String NAME = "dev.jvmpprof.ThreadStartMark";

	@Label("Sequence")
	long sequence;

}
