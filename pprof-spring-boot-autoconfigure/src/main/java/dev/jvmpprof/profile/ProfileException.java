package dev.jvmpprof.profile;

/**
 * A profile that cannot be served, with the reason a client should read: one sentence, Go style.
 */
public class ProfileException extends Exception {

	private final Reason reason;

	public ProfileException(Reason reason, String message) {
		super(message);
		this.reason = reason;
	}

	public ProfileException(Reason reason, String message, Throwable cause) {
		super(message, cause);
		this.reason = reason;
	}

	public Reason getReason() {
		return this.reason;
	}

	/** Why a profile cannot be served; the web layer maps each to an HTTP status. */
	public enum Reason {

		/** The request is malformed: a bad parameter value or combination. */
		BAD_REQUEST,

		/** No profile has that name. */
		NOT_FOUND,

		/** The profiler that the profile needs is busy with another request. */
		BUSY,

		/** The profile cannot be taken on this JVM or with this configuration. */
		UNAVAILABLE,

		/** The profile is known but not served by this version. */
		NOT_IMPLEMENTED

	}

}
