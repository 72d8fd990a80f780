package dev.dcf.handler.instruction;

import java.security.PublicKey;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.dcf.handler.agent.AgentNotFoundException;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.secret.SecretCipher;
import dev.dcf.schemes.seal.SealedValues;

import org.springframework.stereotype.Component;

/**
 * Seals a job's secret env values for the agent a CREATE goes to: decrypted from the
 * database form here, in memory only, and sealed at once for the agent's public key
 * (docs/security.md), so the instruction on the topic carries no plain value. With
 * per-run Kafka principals, the run's credentials are sealed the same way.
 */
@Component
public class SecretSealer {

	private final SecretCipher cipher;

	private final AgentService agents;

	private final RunPrincipalService runPrincipals;

	public SecretSealer(SecretCipher cipher, AgentService agents, RunPrincipalService runPrincipals) {
		this.cipher = cipher;
		this.agents = agents;
		this.runPrincipals = runPrincipals;
	}

	/**
	 * Creates the Kafka principals of the jobs' current runs (with per-run principals),
	 * in one request: before {@link #seal} of their CREATEs.
	 * @throws RuntimeException when the broker does not confirm them
	 */
	void grantRuns(Collection<Job> jobs) {
		this.runPrincipals.grant(jobs);
	}

	/**
	 * @param job the job, whose run's principal {@link #grantRuns} created
	 * @param agentId the agent that gets the CREATE
	 * @return name to sealed value, empty if the job has no secret values
	 * @throws NoAgentKeyException if the job has secret values but the agent published no
	 * public key
	 */
	Map<String, byte[]> seal(Job job, String agentId) {
		Map<String, String> secret = job.getSecretEnv();
		if (secret.isEmpty() && !this.runPrincipals.enabled()) {
			return Map.of();
		}
		PublicKey key = publicKey(agentId,
				secret.isEmpty() ? "this run's Kafka credentials" : "this job's secret values");
		Map<String, byte[]> sealed = new LinkedHashMap<>();
		secret.forEach((name, stored) -> sealed.put(name,
				SealedValues.seal(key, job.getId(), name, stored.isEmpty() ? "" : this.cipher.decrypt(stored))));
		// the run's Kafka credentials, after the job's own values so they win
		this.runPrincipals.environment(job)
			.forEach((name, value) -> sealed.put(name, SealedValues.seal(key, job.getId(), name, value)));
		return sealed;
	}

	/**
	 * Seals a dry run's values, which were never stored, and, with per-run principals,
	 * the Kafka credentials of a principal of its own for its scratch topic (undo with
	 * {@link #dryRunEnded}).
	 * @param dryRunId what the values belong to
	 * @param plain name to plain value
	 * @param agentId the agent that gets the instruction
	 * @param topic the dry run's scratch topic
	 * @return name to sealed value
	 * @throws NoAgentKeyException if there is something to seal but the agent published
	 * no key
	 */
	public Map<String, byte[]> sealDryRun(String dryRunId, Map<String, String> plain, String agentId, String topic) {
		if (plain.isEmpty() && !this.runPrincipals.enabled()) {
			return Map.of();
		}
		PublicKey key = publicKey(agentId,
				plain.isEmpty() ? "this dry run's Kafka credentials" : "this dry run's secret values");
		Map<String, byte[]> sealed = new LinkedHashMap<>();
		plain.forEach((name, value) -> sealed.put(name, SealedValues.seal(key, dryRunId, name, value)));
		Map<String, String> credentials;
		try {
			credentials = this.runPrincipals.grantDryRun(dryRunId, topic);
		}
		catch (RuntimeException ex) {
			throw new InstructionNotSentException("Kafka did not confirm the dry run's principal: " + ex.getMessage(),
					ex);
		}
		credentials.forEach((name, value) -> sealed.put(name, SealedValues.seal(key, dryRunId, name, value)));
		return sealed;
	}

	/** The dry run is over: its Kafka principal, if it got one, is deleted. */
	public void dryRunEnded(String dryRunId) {
		this.runPrincipals.revokeDryRun(dryRunId);
	}

	private PublicKey publicKey(String agentId, String what) {
		String encoded;
		try {
			encoded = this.agents.get(agentId).getPublicKey();
		}
		catch (AgentNotFoundException ex) {
			encoded = null;
		}
		if (encoded == null) {
			throw new NoAgentKeyException("agent " + agentId
					+ " publishes no public key (it is older than secret variables), so it cannot get " + what);
		}
		return SealedValues.publicKey(Base64.getDecoder().decode(encoded));
	}

	/** The agent cannot receive sealed values (secret values, a run's credentials). */
	public static class NoAgentKeyException extends RuntimeException {

		NoAgentKeyException(String message) {
			super(message);
		}

	}

}
