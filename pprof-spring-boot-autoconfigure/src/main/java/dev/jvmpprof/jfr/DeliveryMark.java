package dev.jvmpprof.jfr;

import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Enabled;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

/**
 * A Flight Recorder event that a {@link ContinuousRecording} commits and reads back to know that every event before
 * it has been delivered; enabled only in that recording's own stream.
 */
@Name(DeliveryMark.NAME)
@Label("pprof Delivery Mark")
@Category("pprof")
@Description("A moment up to which the pprof profiles recorded from startup have read their events")
@Enabled(false)
@StackTrace(false)
final class DeliveryMark extends Event {

	static final String NAME = "dev.jvmpprof.DeliveryMark";

	@Label("Sequence")
	long sequence;

}
