package dev.dcf.handler.dryrun;

/**
 * No dry run now: no agent can take one, or this handler runs as many as it may. Nothing
 * was started; trying again later may work (503).
 */
public class DryRunUnavailableException extends RuntimeException {

	public DryRunUnavailableException(String message) {
		super(message);
	}

}
