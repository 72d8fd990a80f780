package dev.dcf.handler.logs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * A container's live output as server-sent events (the REST API's {@code ?follow=true}
 * and the job page use the same stream): an event {@code line} per line (data: the line's
 * text), {@code dropped} when the agent dropped lines (data: how many), and one
 * {@code end} (data: why) before the stream closes. The stream closes after
 * {@code dcf.handler.logs.follow-max} at the latest; a client may start another.
 */
public final class SseLogViewer implements LogViewer {

	private final SseEmitter emitter;

	private SseLogViewer(SseEmitter emitter) {
		this.emitter = emitter;
	}

	/**
	 * Opens a stream of the container's live output.
	 * @param logs the live logs
	 * @param properties the follow's bounds
	 * @param jobId the job
	 * @param index the container index
	 * @param tail past lines to start with
	 * @return the emitter to return from a controller
	 */
	public static SseEmitter stream(LiveLogs logs, LiveLogProperties properties, String jobId, int index, int tail) {
		SseEmitter emitter = new SseEmitter(properties.followMax().toMillis());
		SseLogViewer viewer = new SseLogViewer(emitter);
		LiveLogs.Watch watch = logs.watch(jobId, index, tail, viewer);
		emitter.onCompletion(watch::close);
		emitter.onError((ex) -> watch.close());
		emitter.onTimeout(() -> {
			watch.close();
			try {
				viewer.end("the follow's time bound was reached");
			}
			catch (UncheckedIOException ex) {
				// the client left at the same moment: nothing to tell
			}
		});
		return emitter;
	}

	@Override
	public void lines(List<String> lines) {
		for (String line : lines) {
			send("line", line);
		}
	}

	@Override
	public void dropped(long count) {
		send("dropped", Long.toString(count));
	}

	@Override
	public void end(String reason) {
		try {
			send("end", reason);
		}
		finally {
			this.emitter.complete();
		}
	}

	private void send(String event, String data) {
		try {
			this.emitter.send(SseEmitter.event().name(event).data(data, MediaType.TEXT_PLAIN));
		}
		catch (IOException | IllegalStateException ex) {
			throw new UncheckedIOException(new IOException("The viewer is gone: " + ex.getMessage(), ex));
		}
	}

}
