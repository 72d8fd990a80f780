package dev.dcf.handler.instruction;

import java.util.List;

/**
 * Kafka principals of job runs on an authenticating broker (docs/security.md): a SCRAM
 * user that may write (and describe, and create) the run's topic and nothing else.
 * Implemented at the Kafka edge; every call is bounded and throws when the broker does
 * not confirm it.
 */
public interface RunPrincipals {

	/**
	 * Creates the user (or sets its password again) and grants it the run's topic.
	 * @param user the user name
	 * @param password its password
	 * @param topic the only topic it may write
	 */
	void grant(String user, String password, String topic);

	/** Deletes the user's credentials and every ACL of it; a missing user is no error. */
	void revoke(String user);

	/** Names of the SCRAM users that exist, to sweep leftovers. */
	List<String> users();

}
