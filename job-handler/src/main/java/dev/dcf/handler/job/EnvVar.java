package dev.dcf.handler.job;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/**
 * One environment variable of a job, kept in the order the user gave.
 *
 * @param name the variable name
 * @param value its value, possibly empty; of a secret variable the encrypted form
 * ({@link dev.dcf.handler.secret.SecretCipher}), never the plain value
 * @param secret whether the value is secret: write-only, never shown
 */
@Embeddable
public record EnvVar(@Column(name = "env_name", nullable = false) String name,
		@Column(name = "env_value", nullable = false) String value,
		@Column(name = "env_secret", nullable = false) boolean secret) {

	/**
	 * A variable that is not secret.
	 */
	public EnvVar(String name, String value) {
		this(name, value, false);
	}

	/**
	 * @return the value, or {@link SecretNames#MASK} for a secret (an empty secret shows
	 * empty: nothing to hide)
	 */
	public String shown() {
		return (!this.secret || this.value.isEmpty()) ? this.value : SecretNames.MASK;
	}

}
