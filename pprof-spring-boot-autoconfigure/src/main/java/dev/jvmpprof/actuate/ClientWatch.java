package dev.jvmpprof.actuate;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Notices, on a servlet server, that the client of a long profile went away, and interrupts the request so that the
 * profiler is freed at once, as Go's handlers stop with the request's context. A blocked servlet thread learns of a
 * closed connection only by writing to it, so while the profile's window is open the response is committed as the
 * download it will be and a {@link GzipHeartbeat} is written every second, which the profile then continues as one
 * gzip member. It watches the requests {@link dev.jvmpprof.profile.ProfileRequest#pprofAfterWindow() answered with
 * pprof after a window}. WebFlux needs none of this: Netty sees the connection close and cancels the request.
 */
final class ClientWatch extends HttpServletResponseWrapper implements AutoCloseable {

	private static final long FIRST_CHECK_MILLIS = 2000;

	private static final long CHECK_MILLIS = 1000;

	private static final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		Thread thread = new Thread(task, "pprof-client-watch");
		thread.setDaemon(true);
		return thread;
	});

	private final Thread requestThread = Thread.currentThread();

	private final String disposition;

	private final ScheduledFuture<?> checks;

	private boolean answering;

	private boolean clientGone;

	private boolean beating;

	private boolean bodyAsked;

	private GzipHeartbeat.Continuation body;

	/**
	 * Starts watching the client of the current request.
	 * @param response the response
	 * @param disposition the download's {@code Content-Disposition}
	 */
	ClientWatch(HttpServletResponse response, String disposition) {
		super(response);
		this.disposition = disposition;
		// Bad parameters, a busy profiler and the like are answered at once; by the first check the window is open.
		this.checks = timer.scheduleWithFixedDelay(this::check, FIRST_CHECK_MILLIS, CHECK_MILLIS,
				TimeUnit.MILLISECONDS);
	}

	private synchronized void check() {
		if (this.answering || this.clientGone) {
			return;
		}
		try {
			HttpServletResponse response = (HttpServletResponse) getResponse();
			if (!response.isCommitted()) {
				response.setStatus(HttpServletResponse.SC_OK);
				response.setContentType(PprofEndpoint.OCTET_STREAM.toString());
				response.setHeader(PprofHttpConventions.CONTENT_DISPOSITION, this.disposition);
			}
			response.getOutputStream().write(this.beating ? GzipHeartbeat.next() : GzipHeartbeat.first());
			this.beating = true;
			response.flushBuffer();
		}
		catch (IOException | RuntimeException ex) {
			this.clientGone = true;
			this.requestThread.interrupt();
		}
	}

	@Override
	public ServletOutputStream getOutputStream() throws IOException {
		startAnswer();
		synchronized (this) {
			this.bodyAsked = true;
			if (!this.beating) {
				return super.getOutputStream();
			}
			if (this.body == null) {
				this.body = new GzipHeartbeat.Continuation(super.getOutputStream());
			}
			return this.body;
		}
	}

	@Override
	public PrintWriter getWriter() throws IOException {
		startAnswer();
		synchronized (this) {
			this.bodyAsked = true;
		}
		return super.getWriter();
	}

	@Override
	public void flushBuffer() throws IOException {
		startAnswer();
		super.flushBuffer();
	}

	private synchronized void startAnswer() {
		this.answering = true;
		this.checks.cancel(false);
	}

	/**
	 * Stops watching; ends the gzip stream the beats began where no profile followed them; clears the interrupt
	 * this watch caused, so that the server's thread goes back to its pool clean.
	 * @throws IOException if the end cannot be written
	 */
	@Override
	public void close() throws IOException {
		startAnswer();
		synchronized (this) {
			if (this.clientGone) {
				Thread.interrupted();
			}
			else if (this.beating && (!this.bodyAsked || (this.body != null && !this.body.began()))) {
				super.getOutputStream().write(GzipHeartbeat.emptyEnd());
			}
		}
	}

}
