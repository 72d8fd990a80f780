package dev.dcf.handler.logs;

import java.util.List;

/**
 * One watcher of a container's live output (a server-sent-event stream). Called on the
 * fan-out thread, one call at a time; a viewer that throws is dropped.
 */
public interface LogViewer {

	void lines(List<String> lines);

	/** The agent dropped this many lines since the last batch (they came too fast). */
	void dropped(long count);

	/** The follow is over; no call follows. */
	void end(String reason);

}
