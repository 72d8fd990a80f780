package dev.dcf.handler.agent;

/**
 * No agent has the given id (HTTP 404 in the API).
 */
public class AgentNotFoundException extends RuntimeException {

	public AgentNotFoundException(String agentId) {
		super("No agent with id " + agentId);
	}

}
