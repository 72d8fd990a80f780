package dev.dcf.agent.runtime;

/**
 * Login for one private registry. {@link #toString()} never shows the password.
 *
 * @param registry registry host, e.g. {@code registry.example.com:5000}
 * @param username user
 * @param password password or token
 */
public record RegistryCredentials(String registry, String username, String password) {

	@Override
	public String toString() {
		return "RegistryCredentials[registry=" + this.registry + ", username=" + this.username + ", password=***]";
	}

}
