package dev.dcf.handler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One environment variable of a job, kept in the order the user gave.
 *
 * @param name the variable name
 * @param value its value, possibly empty
 */
@Embeddable
public record EnvVar(@Column(name = "env_name", nullable = false) String name,
		@Column(name = "env_value", nullable = false) String value) {
}
