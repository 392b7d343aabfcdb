package dev.jvmpprof.actuate;

import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;

/**
 * The forms of the endpoint's index, chosen by the request's {@code Accept} header: JSON for API clients (and
 * requests that name no type), HTML for browsers.
 */
public enum IndexFormat implements Producible<IndexFormat> {

	JSON(MimeTypeUtils.APPLICATION_JSON) {

		@Override
		public boolean isDefault() {
			return true;
		}

	},

	HTML(MimeTypeUtils.TEXT_HTML);

	private final MimeType mimeType;

	IndexFormat(MimeType mimeType) {
		this.mimeType = mimeType;
	}

	@Override
	public MimeType getProducedMimeType() {
		return this.mimeType;
	}

}
