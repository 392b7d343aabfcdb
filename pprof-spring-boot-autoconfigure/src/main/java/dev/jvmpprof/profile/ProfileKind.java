package dev.jvmpprof.profile;

import java.time.Duration;

/**
 * What kind of profile a name serves: what it answers, whether it waits for a window and how long by default,
 * whether {@code seconds} asks it for a delta, and which {@code debug} levels answer text. The endpoint, the filters,
 * the page, the index and the disconnect watch all read it here.
 *
 * @param answer what a request answers without {@code debug}
 * @param defaultWindow how long the profile records when {@code seconds} is absent, zero for a snapshot
 * @param delta whether {@code seconds} asks for the difference of two snapshots, Go's delta profile
 * @param textLevels the highest {@code debug} level that answers text, 0 where {@code debug} changes nothing
 */
public record ProfileKind(Answer answer, Duration defaultWindow, boolean delta, int textLevels) {

	/**
	 * A gzip'd profile.proto recorded over a window, such as the CPU profile.
	 * @param defaultWindow the window when {@code seconds} is absent
	 * @return the kind
	 */
	static ProfileKind window(Duration defaultWindow) {
		return new ProfileKind(Answer.PPROF, defaultWindow, false, 0);
	}

	/**
	 * A gzip'd profile.proto taken at once, with {@code seconds} for a delta and {@code debug} for text.
	 * @param textLevels the highest {@code debug} level with a text form
	 * @return the kind
	 */
	static ProfileKind snapshot(int textLevels) {
		return new ProfileKind(Answer.PPROF, Duration.ZERO, true, textLevels);
	}

	/**
	 * A Flight Recorder recording over a window.
	 * @param defaultWindow the window when {@code seconds} is absent
	 * @return the kind
	 */
	static ProfileKind recording(Duration defaultWindow) {
		return new ProfileKind(Answer.JFR, defaultWindow, false, 0);
	}

	/**
	 * Text only, at once.
	 * @return the kind
	 */
	static ProfileKind text() {
		return new ProfileKind(Answer.TEXT, Duration.ZERO, false, 0);
	}

	/**
	 * Returns whether the profile records over a window even without {@code seconds}.
	 * @return whether it is windowed
	 */
	public boolean windowed() {
		return !this.defaultWindow.isZero();
	}

	/**
	 * Returns whether browsers get a page for the profile: every binary answer has one.
	 * @return whether it has a page
	 */
	public boolean page() {
		return this.answer != Answer.TEXT;
	}

	/** What a profile answers. */
	public enum Answer {

		/** A gzip'd profile.proto. */
		PPROF,

		/** A JDK Flight Recorder recording. */
		JFR,

		/** UTF-8 text. */
		TEXT

	}

}
