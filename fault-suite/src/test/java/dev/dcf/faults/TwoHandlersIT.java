package dev.dcf.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import dev.dcf.faults.Checker.Findings;
import dev.dcf.faults.DockerView.ManagedContainer;
import dev.dcf.testsupport.RequiresDocker;
import dev.dcf.testsupport.TestImages;
import dev.dcf.testsupport.TcpProxy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two handler JVMs on one PostgreSQL, two agents on the machine's Docker daemon, the
 * broker and the registry, all real processes: jobs submitted through either handler are
 * placed once, each handler sees what the other changed, a recurring schedule fires once
 * per firing, and {@code kill -9} of the leader leaves the other doing all the work (it
 * leads within seconds, places a new job, keeps the old jobs RUNNING with the same
 * containers, and no agent or job is LOST). The handlers drop a dead member of their
 * consumer group after 10 s ({@code session.timeout.ms}, as docs/operations.md advises
 * for several handlers). Logs: {@code target/two-handlers}.
 */
@RequiresDocker
@ExtendWith(ToolsCondition.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TwoHandlersIT {

	static final Path LOGS = Path.of("target", "two-handlers").toAbsolutePath();

	private static final ObjectMapper JSON = new ObjectMapper();

	private static final Duration RUNNING_TIMEOUT = Duration.ofSeconds(60);

	/** The agent timeout the handlers apply (see Handler) and a margin. */
	private static final Duration BEYOND_AGENT_TIMEOUT = Duration.ofSeconds(25);

	private static Path workspace;

	private static PrivatePostgres postgres;

	private static Broker broker;

	private static Registry registry;

	private static final List<Handler> handlers = new ArrayList<>();

	private static final List<Agent> agents = new ArrayList<>();

	private static final List<TcpProxy> proxies = new ArrayList<>();

	private static DockerView docker;

	private static Handler leader;

	private static Handler follower;

	private static final Map<Handler, HandlerApi> apis = new HashMap<>();

	private static final Map<String, String> jobs = new LinkedHashMap<>();

	@BeforeAll
	static void start() throws Exception {
		Shell.run(List.of("rm", "-rf", LOGS.toString()), 60);
		Files.createDirectories(LOGS);
		workspace = Files.createTempDirectory(Path.of("/tmp"), "dcf-2h-");
		Files.setPosixFilePermissions(workspace, PosixFilePermissions.fromString("rwxr-xr-x"));
		TestImages.ensureBuilt();
		postgres = new PrivatePostgres(workspace, LOGS);
		broker = new Broker(LOGS, LOGS.resolve("kafka-data"));
		TcpProxy link1 = broker.proxiedListener("AGENT1");
		TcpProxy link2 = broker.proxiedListener("AGENT2");
		proxies.addAll(List.of(link1, link2));
		registry = new Registry(LOGS, broker.bootstrapServers());
		for (String name : List.of("handler-a", "handler-b")) {
			Handler handler = new Handler(LOGS, name, broker.bootstrapServers(), registry.url(), postgres,
					List.of("--spring.kafka.consumer.properties.session.timeout.ms=10000"));
			handlers.add(handler);
			apis.put(handler, new HandlerApi(handler.port, "admin", Handler.ADMIN_PASSWORD));
		}
		String suffix = Long.toString(System.nanoTime() % 100_000);
		agents.add(new Agent(LOGS, "twoh-a1-" + suffix, "twoh1", FaultEnvironment.MACHINE_DOCKER, link1,
				broker.bootstrapServers(), registry.url()));
		agents.add(new Agent(LOGS, "twoh-a2-" + suffix, "twoh2", FaultEnvironment.MACHINE_DOCKER, link2,
				broker.bootstrapServers(), registry.url()));
		docker = new DockerView("docker", FaultEnvironment.MACHINE_DOCKER);
		postgres.init();
		postgres.start();
		broker.start();
		registry.start();
		// all four JVMs at once: the handlers compete for the lock and the schema's
		// migration (Flyway locks it), the agents wait for the brokers' answer
		List<CompletableFuture<Void>> starts = new ArrayList<>();
		handlers.forEach((handler) -> starts.add(CompletableFuture.runAsync(handler::start)));
		agents.forEach((agent) -> starts.add(CompletableFuture.runAsync(() -> agent.start())));
		CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
		for (Handler handler : handlers) {
			await().alias("agents HEALTHY at " + handler)
				.atMost(Duration.ofSeconds(120))
				.pollInterval(Duration.ofMillis(500))
				.ignoreExceptions()
				.until(() -> apis.get(handler)
					.agents()
					.stream()
					.filter((agent) -> "HEALTHY".equals(agent.get("status")))
					.count() == 2);
		}
		await().alias("one leader").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
			List<Handler> leaders = handlers.stream().filter((handler) -> leadership(handler).leader()).toList();
			if (leaders.size() != 1) {
				return false;
			}
			leader = leaders.get(0);
			follower = (leader == handlers.get(0)) ? handlers.get(1) : handlers.get(0);
			return true;
		});
	}

	@AfterAll
	static void stop() {
		List<Runnable> steps = new ArrayList<>();
		agents.forEach((agent) -> steps.add(agent::kill));
		steps.add(() -> docker.remove(docker.containers()
			.stream()
			.filter((container) -> agentIds().contains(container.agentId()))
			.map(ManagedContainer::id)
			.toList()));
		handlers.forEach((handler) -> steps.add(handler::stop));
		if (registry != null) {
			steps.add(registry::stop);
		}
		if (broker != null) {
			steps.add(broker::stop);
		}
		proxies.forEach((proxy) -> steps.add(proxy::close));
		if (postgres != null) {
			steps.add(postgres::close);
		}
		if (workspace != null) {
			steps.add(() -> Shell.tryRun(List.of("rm", "-rf", workspace.toString()), 120));
		}
		for (Runnable step : steps) {
			try {
				step.run();
			}
			catch (RuntimeException ex) {
				System.err.println("two handlers cleanup: " + ex);
			}
		}
	}

	@Test
	@Order(1)
	void jobsSubmittedThroughEitherHandlerArePlacedOnceAndEachHandlerSeesTheOthersChanges() {
		Map<String, Object> scheduled = FaultEnvironment.generatorJob("twoh-scheduled", agents.get(1));
		scheduled.put("containers", 1);
		scheduled.put("schedule", Map.of("cron", "0/10 * * * * ?", "overlap", "skip"));
		jobs.put("scheduled", api(follower).create(scheduled));
		jobs.put("viaLeader", api(leader).create(FaultEnvironment.generatorJob("twoh-via-leader", agents.get(0))));
		jobs.put("viaFollower",
				api(follower).create(FaultEnvironment.generatorJob("twoh-via-follower", agents.get(1))));

		// each read through the handler it was not submitted through
		awaitRunning(api(follower), jobs.get("viaLeader"));
		awaitRunning(api(leader), jobs.get("viaFollower"));
		awaitRunning(api(leader), jobs.get("scheduled"));

		for (String id : jobs.values()) {
			assertPlacedOnce(api(leader), id);
			assertThat(runningContainers(id)).hasSize(((Number) api(follower).job(id).get("containers")).intValue());
		}
		// a change through one handler shows on the other at once: both read one database
		api(follower).stop(jobs.get("viaLeader"));
		await().alias("stopped job COMPLETED at the leader")
			.atMost(RUNNING_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "COMPLETED".equals(api(leader).state(jobs.get("viaLeader"))));
		api(leader).start(jobs.get("viaLeader"));
		awaitRunning(api(follower), jobs.get("viaLeader"));
		assertPlacedOnce(api(follower), jobs.get("viaLeader"));
	}

	@Test
	@Order(2)
	void killingTheLeaderLeavesTheOtherDoingAllTheWorkWithoutLosingAnything() {
		Map<String, Set<String>> containersBefore = new HashMap<>();
		Map<String, Object> runsBefore = new HashMap<>();
		for (String id : jobs.values()) {
			containersBefore.put(id, runningContainers(id));
			runsBefore.put(id, api(follower).job(id).get("runNumber"));
		}
		HandlerApi survivor = api(follower);

		Instant killedAt = Instant.now();
		leader.kill();
		// submitted at once: it waits for the new leader's placement
		String afterKill = survivor.create(FaultEnvironment.generatorJob("twoh-after-kill", agents.get(0)));

		await().alias("the survivor leads")
			.atMost(Duration.ofSeconds(20))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> leadership(follower).leader());
		Instant leadingSince = leadership(follower).since();
		awaitRunning(survivor, afterKill);
		assertPlacedOnce(survivor, afterKill);
		Instant placedAt = placedAt(survivor, afterKill);
		System.out.printf(
				"Two handlers: kill -9 of the leader -> lock taken by the other %d ms, "
						+ "lock taken -> first placement %d ms, kill -> first placement %d ms%n",
				Duration.between(killedAt, leadingSince).toMillis(),
				Duration.between(leadingSince, placedAt).toMillis(), Duration.between(killedAt, placedAt).toMillis());
		assertThat(Duration.between(killedAt, leadingSince)).isLessThan(Duration.ofSeconds(10));

		// beyond the agent timeout: the takeover declares nobody LOST, the old jobs keep
		// their runs and containers
		await().alias("agents HEALTHY and the old jobs RUNNING as they were")
			.during(BEYOND_AGENT_TIMEOUT)
			.atMost(BEYOND_AGENT_TIMEOUT.plusSeconds(15))
			.pollInterval(Duration.ofSeconds(1))
			.until(() -> survivor.agents()
				.stream()
				.filter((agent) -> agentIds().contains(agent.get("id")))
				.allMatch((agent) -> "HEALTHY".equals(agent.get("status")))
					&& jobs.values().stream().allMatch((id) -> "RUNNING".equals(survivor.state(id))));
		for (String id : jobs.values()) {
			assertThat(survivor.job(id).get("runNumber")).isEqualTo(runsBefore.get(id));
			assertThat(runningContainers(id)).isEqualTo(containersBefore.get(id));
		}
		jobs.put("afterKill", afterKill);
		Findings findings = new Checker(survivor, List.of(docker), agentIds()).check(killedAt, Set.of());
		assertThat(findings.clean()).as(findings.toString()).isTrue();
		assertThat(findings.losses()).isEmpty();
	}

	@Test
	@Order(3)
	void aRecurringScheduleFiresOncePerFiringAcrossBothHandlersAndTheTakeover() throws IOException {
		String id = jobs.get("scheduled");
		HandlerApi survivor = api(follower);
		// firings before, during and after the takeover (every 10 s)
		await().atMost(Duration.ofSeconds(30)).until(() -> firings(survivor, id).size() >= 4);

		List<String> firings = firings(survivor, id);
		assertThat(firings).doesNotHaveDuplicates();
		assertThat(survivor.job(id).get("runNumber")).isEqualTo(1);
		// and Quartz handed each firing to one handler only
		Pattern logged = Pattern.compile("Job " + Pattern.quote(id) + ": schedule firing at (\\S+)");
		List<String> handled = new ArrayList<>();
		for (Handler handler : handlers) {
			Matcher matcher = logged.matcher(Files.readString(LOGS.resolve(handler.name + ".log")));
			while (matcher.find()) {
				handled.add(matcher.group(1));
			}
		}
		assertThat(handled).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates();
	}

	/** The firing times in the job's timeline ("firing at 10:00:10 skipped: ..."). */
	private static List<String> firings(HandlerApi api, String id) {
		Pattern firing = Pattern.compile("firing at (\\S+)");
		List<String> times = new ArrayList<>();
		for (Map<String, Object> event : api.events(id)) {
			Matcher matcher = firing.matcher(String.valueOf(event.get("reason")));
			if (matcher.find()) {
				times.add(matcher.group(1));
			}
		}
		return times;
	}

	private static void assertPlacedOnce(HandlerApi api, String id) {
		List<Map<String, Object>> events = api.events(id);
		int run = ((Number) api.job(id).get("runNumber")).intValue();
		List<Map<String, Object>> ofRun = events.stream()
			.filter((event) -> ((Number) event.get("runNumber")).intValue() == run)
			.toList();
		assertThat(ofRun).filteredOn((event) -> String.valueOf(event.get("reason")).startsWith("placed on agent"))
			.as("placements of run %d of job %s: %s", run, id, events)
			.hasSize(1);
		assertThat(ofRun)
			.filteredOn((event) -> "DEPLOYING".equals(event.get("to")) && !"DEPLOYING".equals(event.get("from")))
			.as("DEPLOYING of run %d of job %s: %s", run, id, events)
			.hasSize(1);
	}

	private static Instant placedAt(HandlerApi api, String id) {
		return api.events(id)
			.stream()
			.filter((event) -> String.valueOf(event.get("reason")).startsWith("placed on agent"))
			.map((event) -> Instant.parse((String) event.get("at")))
			.findFirst()
			.orElseThrow();
	}

	private static void awaitRunning(HandlerApi api, String id) {
		await().alias("job " + id + " RUNNING")
			.atMost(RUNNING_TIMEOUT)
			.pollInterval(Duration.ofMillis(500))
			.until(() -> "RUNNING".equals(api.state(id)));
	}

	private static Set<String> runningContainers(String jobId) {
		return docker.containers()
			.stream()
			.filter(ManagedContainer::running)
			.filter((container) -> jobId.equals(container.jobId()))
			.map(ManagedContainer::id)
			.collect(Collectors.toSet());
	}

	private static HandlerApi api(Handler handler) {
		return apis.get(handler);
	}

	private static Set<String> agentIds() {
		return agents.stream().map((agent) -> agent.id).collect(Collectors.toSet());
	}

	/** What {@code /actuator/health} says about leadership. */
	private static Lead leadership(Handler handler) {
		try {
			Map<String, Object> health = JSON.readValue(api(handler).health().body(), new TypeReference<>() {
			});
			@SuppressWarnings("unchecked")
			Map<String, Object> components = (Map<String, Object>) health.get("components");
			@SuppressWarnings("unchecked")
			Map<String, Object> details = (Map<String, Object>) ((Map<String, Object>) components.get("leadership"))
				.get("details");
			Object since = details.get("leaderSince");
			return new Lead(Boolean.TRUE.equals(details.get("leader")),
					(since != null) ? Instant.parse((String) since) : null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private record Lead(boolean leader, Instant since) {
	}

}
