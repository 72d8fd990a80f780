package dev.dcf.agent.it;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.dcf.agent.testing.TestAgent;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.testsupport.DockerInspector;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TestTopics;

/**
 * One agent on the shared broker and the real daemon, with what a test drives it by: the
 * instruction producer, the job reports it sends and the daemon to look at. Closing it
 * stops the agent and removes its containers.
 *
 * @param id the agent's id
 * @param agent the running agent
 * @param docker the daemon the agent drives
 * @param instructions sends to the agent's instruction topic
 * @param jobStatus the job reports on the topics' job status topic
 */
record OneAgent(String id, TestAgent agent, DockerInspector docker, Instructions instructions,
		Collector<JobStatus> jobStatus) implements AutoCloseable {

	/** Starts agent {@code id} with {@code settings} on {@code topics}. */
	static OneAgent start(String id, TestTopics topics, Map<String, String> settings) {
		TestImages.ensureBuilt();
		Map<String, String> all = new LinkedHashMap<>(settings);
		all.put("dcf.agent.id", id);
		DockerInspector docker = new DockerInspector();
		TestAgent agent = TestAgent.start(topics, all);
		return new OneAgent(id, agent, docker, new Instructions(topics.instructions()),
				Wire.collect(topics.jobStatus(), JobStatus.class));
	}

	@Override
	public void close() {
		try {
			this.agent.close();
		}
		finally {
			this.docker.removeAllOf(this.id);
			this.docker.close();
			this.instructions.close();
			this.jobStatus.close();
		}
	}

}
