package dev.dcf.handler.job;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.dcf.handler.secret.SecretCipher;

/**
 * Secret env values on their way into the database: encrypted before the job is built, so
 * the plain value never reaches an entity, a log line of Hibernate or a row.
 */
final class SecretEnv {

	private SecretEnv() {
	}

	/**
	 * @param request a valid request
	 * @param cipher the at-rest cipher
	 * @return the request with the values of its secret variables encrypted (empty ones
	 * stay empty) and {@code secretEnv} naming all of them
	 */
	static JobRequest encrypted(JobRequest request, SecretCipher cipher) {
		Set<String> secret = request.secretNames();
		if (secret.isEmpty()) {
			return request;
		}
		Map<String, String> env = new LinkedHashMap<>();
		request.env()
			.forEach((name, value) -> env.put(name,
					(secret.contains(name) && !value.isEmpty()) ? cipher.encrypt(value) : value));
		return new JobRequest(request.name(), request.description(), request.image(), request.command(),
				request.topic(), request.containers(), request.cpuLimit(), request.memoryLimitMb(),
				request.durationSeconds(), request.startAt(), env, request.agentLabels(), request.start(),
				request.onAgentLost(), request.exclusive(), request.partitions(), request.replicationFactor(),
				request.retentionHours(), request.topicCleanup(), request.targetRate(), request.maxRecords(),
				request.generator(), request.schedule(), request.restart(), List.copyOf(secret));
	}

}
