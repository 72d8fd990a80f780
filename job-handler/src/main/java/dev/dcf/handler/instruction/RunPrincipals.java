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
	 * Creates the users (or sets their passwords again) and grants each its run's topic:
	 * all in one request for the credentials and one for the ACLs, since each request
	 * waits for a metadata commit of the controller.
	 * @param grants the users, none twice
	 */
	void grant(List<Grant> grants);

	/** Deletes the user's credentials and every ACL of it; a missing user is no error. */
	void revoke(String user);

	/** Names of the SCRAM users that exist, to sweep leftovers. */
	List<String> users();

	/**
	 * A user of a run.
	 *
	 * @param user the user name
	 * @param password its password
	 * @param topic the only topic it may write
	 */
	record Grant(String user, String password, String topic) {
	}

}
