package dev.dcf.handler.e2e;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.dcf.agent.runtime.hollow.HollowContainerRuntime;
import dev.dcf.testsupport.TestTopics;
import dev.dcf.agent.testing.TestAgent;

/**
 * Many real agents in this JVM, each a Spring context of the agent app with its own id on
 * the hollow runtime (containers simulated, no Docker), started a few at a time. For the
 * scale test and benchmark ({@code scripts/bench-scale.sh}).
 */
final class HollowFleet implements AutoCloseable {

	private final List<TestAgent> agents;

	private HollowFleet(List<TestAgent> agents) {
		this.agents = agents;
	}

	/**
	 * Starts {@code count} hollow agents labelled {@code scale=label}.
	 * @param more settings for every agent (win over the ones here)
	 */
	static HollowFleet start(int count, String label, TestTopics topics, int maxContainers, Map<String, String> more)
			throws Exception {
		Map<String, String> settings = new LinkedHashMap<>();
		settings.put("dcf.agent.runtime", "hollow");
		settings.put("dcf.agent.max-containers", Integer.toString(maxContainers));
		// nothing blocks in a hollow runtime; short bounds keep the poll-interval check
		// (which grows with max-containers) within its default
		settings.put("dcf.agent.docker-timeout", "1s");
		settings.put("dcf.agent.stop-timeout", "1s");
		settings.put("logging.level.dev.dcf", "warn");
		settings.put("logging.level.org.springframework", "warn");
		settings.putAll(more);
		List<TestAgent> agents = Collections.synchronizedList(new ArrayList<>());
		ExecutorService starters = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> started = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				String name = "hollow" + i;
				started.add(starters
					.submit(() -> agents.add(Agents.start(name, topics, Map.of("scale", label), settings))));
			}
			for (Future<?> future : started) {
				future.get();
			}
		}
		catch (Exception ex) {
			agents.forEach(TestAgent::close);
			throw ex;
		}
		finally {
			starters.shutdown();
		}
		return new HollowFleet(List.copyOf(agents));
	}

	List<TestAgent> agents() {
		return this.agents;
	}

	/** Containers in all the agents' hollow runtimes, running or not. */
	int containers() {
		return this.agents.stream().mapToInt((agent) -> agent.bean(HollowContainerRuntime.class).size()).sum();
	}

	@Override
	public void close() {
		this.agents.parallelStream().forEach(TestAgent::close);
	}

}
