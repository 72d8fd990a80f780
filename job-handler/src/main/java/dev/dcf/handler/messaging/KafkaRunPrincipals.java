package dev.dcf.handler.messaging;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.dcf.handler.instruction.RunPrincipals;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AccessControlEntryFilter;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ResourceNotFoundException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourcePatternFilter;
import org.apache.kafka.common.resource.ResourceType;

import org.springframework.stereotype.Component;

/**
 * {@link RunPrincipals} by the shared admin client: SCRAM-SHA-512 credentials
 * ({@code alterUserScramCredentials}) and literal ACLs on the run's topic. Each call
 * waits at most {@code dcf.handler.topic-admin-timeout} per step.
 */
@Component
class KafkaRunPrincipals implements RunPrincipals {

	/** Kafka's default and minimum for SCRAM-SHA-512. */
	private static final int ITERATIONS = 4096;

	/**
	 * WRITE and DESCRIBE to produce; CREATE so its first record creates the topic where
	 * the broker auto-creates topics and the handler did not prepare it.
	 */
	private static final List<AclOperation> TOPIC_OPERATIONS = List.of(AclOperation.WRITE, AclOperation.DESCRIBE,
			AclOperation.CREATE);

	private final SharedAdmin admin;

	private final Duration timeout;

	KafkaRunPrincipals(SharedAdmin admin, TopicAdminProperties properties) {
		this.admin = admin;
		this.timeout = properties.topicAdminTimeout();
	}

	@Override
	public void grant(List<Grant> grants) {
		if (grants.isEmpty()) {
			return;
		}
		List<UserScramCredentialAlteration> upsertions = new ArrayList<>();
		List<AclBinding> bindings = new ArrayList<>();
		for (Grant grant : grants) {
			upsertions.add(new UserScramCredentialUpsertion(grant.user(),
					new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), grant.password()));
			ResourcePattern pattern = new ResourcePattern(ResourceType.TOPIC, grant.topic(), PatternType.LITERAL);
			TOPIC_OPERATIONS.forEach((operation) -> bindings.add(new AclBinding(pattern,
					new AccessControlEntry("User:" + grant.user(), "*", operation, AclPermissionType.ALLOW))));
		}
		// both at once: an ACL may name a user the broker does not know yet, and each
		// request waits for a metadata commit of the controller
		Future<Void> credentials = this.admin.get().alterUserScramCredentials(upsertions).all();
		Future<Void> acls = this.admin.get().createAcls(bindings).all();
		await(credentials);
		await(acls);
	}

	@Override
	public void revoke(String user) {
		AclBindingFilter all = new AclBindingFilter(ResourcePatternFilter.ANY,
				new AccessControlEntryFilter("User:" + user, null, AclOperation.ANY, AclPermissionType.ANY));
		await(this.admin.get().deleteAcls(List.of(all)).all());
		try {
			await(this.admin.get()
				.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, ScramMechanism.SCRAM_SHA_512)))
				.all());
		}
		catch (IllegalStateException ex) {
			if (!(ex.getCause() instanceof ResourceNotFoundException)) {
				throw ex;
			}
		}
	}

	@Override
	public List<String> users() {
		return await(this.admin.get().describeUserScramCredentials().all()).values()
			.stream()
			.map(UserScramCredentialsDescription::name)
			.toList();
	}

	private <T> T await(Future<T> future) {
		try {
			return future.get(this.timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw new IllegalStateException("the broker refused: " + cause, cause);
		}
		catch (TimeoutException ex) {
			throw new IllegalStateException("the broker did not answer within " + this.timeout.toMillis() + " ms", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

}
