package dev.dcf.handler.agent;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * The result of one health check an agent ran.
 *
 * @param name the check, e.g. {@code docker}
 * @param passed whether it passed
 * @param message details, mostly for failures
 */
@Embeddable
public record AgentCheck(@Column(name = "check_name", nullable = false, length = 255) String name,
		@Column(name = "passed", nullable = false) boolean passed,
		@Column(name = "message", length = 1000) String message) {
}
