package dev.dcf.handler.placement;

/**
 * Which agent placement would choose for a demand right now, or why none.
 *
 * @param agentId the chosen agent, {@code null} if none fits
 * @param reason why none fits, {@code null} if one does
 */
public record AgentChoice(String agentId, String reason) {

	/**
	 * Whether an agent was chosen.
	 * @return {@code true} if one was
	 */
	public boolean chosen() {
		return this.agentId != null;
	}

}
