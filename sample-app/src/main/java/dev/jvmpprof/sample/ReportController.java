package dev.jvmpprof.sample;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Serves {@code GET /report}, the allocation hot path.
 */
@RestController
public class ReportController {

	// A million rows is already tens of megabytes of text; more would only test the heap size.
	static final int MAX_ROWS = 1_000_000;

	private final ReportBuilder reportBuilder;

	public ReportController(ReportBuilder reportBuilder) {
		this.reportBuilder = reportBuilder;
	}

	/**
	 * Returns a plain-text report of {@code rows} orders.
	 */
	@GetMapping(path = "/report", produces = MediaType.TEXT_PLAIN_VALUE)
	public String report(@RequestParam(name = "rows", defaultValue = "20000") int rows) {
		if (rows < 0) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "rows must not be negative");
		}
		return reportBuilder.build(Math.min(rows, MAX_ROWS));
	}
}
