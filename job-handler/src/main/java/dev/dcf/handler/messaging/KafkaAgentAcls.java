package dev.dcf.handler.messaging;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.dcf.messaging.TopicProperties;
import dev.dcf.schemes.DcfTopics;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Grants the agents' principals ({@code dcf.kafka.agent-principals}) their direction on
 * the management topics: read the instructions (in their own consumer groups,
 * {@code dcf-agent-*}), write job status, heartbeats, container output and the
 * instructions' dead letters. Nothing else: no agent reads statuses or writes
 * instructions.
 */
@Component
class KafkaAgentAcls {

	private static final Logger log = LoggerFactory.getLogger(KafkaAgentAcls.class);

	static final String AGENT_GROUP_PREFIX = "dcf-agent-";

	private final SharedAdmin admin;

	private final AgentAclProperties properties;

	private final TopicProperties topics;

	KafkaAgentAcls(SharedAdmin admin, AgentAclProperties properties, TopicProperties topics) {
		this.admin = admin;
		this.properties = properties;
		this.topics = topics;
	}

	@EventListener(ApplicationReadyEvent.class)
	void grant() {
		if (this.properties.agentPrincipals().isEmpty()) {
			return;
		}
		try {
			this.admin.get()
				.createAcls(bindings(this.properties.agentPrincipals(), this.topics))
				.all()
				.get(30, TimeUnit.SECONDS);
			log.info("Granted agents {} their management topics", this.properties.agentPrincipals());
		}
		catch (Exception ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			log.error("Could not grant agents {} their management topics: {}", this.properties.agentPrincipals(),
					ex.toString());
		}
	}

	static List<AclBinding> bindings(List<String> users, TopicProperties topics) {
		List<AclBinding> bindings = new ArrayList<>();
		for (String user : users) {
			String principal = "User:" + user;
			add(bindings, principal, literal(topics.jobInstructions()), AclOperation.READ, AclOperation.DESCRIBE);
			add(bindings, principal, new ResourcePattern(ResourceType.GROUP, AGENT_GROUP_PREFIX, PatternType.PREFIXED),
					AclOperation.READ, AclOperation.DESCRIBE);
			for (String topic : List.of(topics.jobStatus(), topics.agentStatus(), topics.containerLogs())) {
				add(bindings, principal, literal(topic), AclOperation.WRITE, AclOperation.DESCRIBE);
			}
			// the agents create the instructions' dead-letter topic (nobody else writes
			// it)
			add(bindings, principal, literal(DcfTopics.dlt(topics.jobInstructions())), AclOperation.WRITE,
					AclOperation.DESCRIBE, AclOperation.CREATE);
		}
		return bindings;
	}

	private static ResourcePattern literal(String topic) {
		return new ResourcePattern(ResourceType.TOPIC, topic, PatternType.LITERAL);
	}

	private static void add(List<AclBinding> bindings, String principal, ResourcePattern pattern,
			AclOperation... operations) {
		for (AclOperation operation : operations) {
			bindings.add(new AclBinding(pattern,
					new AccessControlEntry(principal, "*", operation, AclPermissionType.ALLOW)));
		}
	}

}
