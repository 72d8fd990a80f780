package dev.dcf.handler.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.drain.DrainService;
import dev.dcf.handler.liveness.AgentLiveness;
import dev.dcf.handler.liveness.LivenessProperties;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import static org.hamcrest.Matchers.hasSize;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

@WebMvcTest(AgentController.class)
@Import({ WebSecurityTestConfiguration.class, AgentService.class, AgentLiveness.class, ContainerStatsService.class })
@EnableConfigurationProperties(LivenessProperties.class)
@TestPropertySource(properties = { "dcf.security.admin-password={noop}admin-pw", "dcf.security.users[0].name=alice",
		"dcf.security.users[0].password={noop}alice-pw" })
class AgentControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AgentRepository agents;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private DrainService drain;

	@Autowired
	private ContainerStatsService stats;

	@Test
	void anAgentShowsTheSamplesOfItsRunningContainersAndTheirTotals() throws Exception {
		ContainerStats first = new ContainerStats(12.5, 100L << 20, 256L << 20, 2048L,
				WebSecurityTestConfiguration.NOW);
		ContainerStats second = new ContainerStats(50.0, 50L << 20, 256L << 20, null, WebSecurityTestConfiguration.NOW);
		AgentHeartbeat heartbeat = new AgentHeartbeat("agent-s", 7, WebSecurityTestConfiguration.NOW,
				AgentState.HEALTHY, List.of(), new AgentCapacity(4, 8_000_000_000L, 4_000_000_000L, null, 2, 10),
				Map.of(), "host-1", "0.1.0", "28.0", Duration.ofSeconds(5),
				List.of(new ReportedContainer("job-1", 1, 0, "c0", "dcf-job-1-0", ContainerState.RUNNING, null,
						WebSecurityTestConfiguration.NOW, null, null, first),
						new ReportedContainer("job-1", 1, 1, "c1", "dcf-job-1-1", ContainerState.RUNNING, null,
								WebSecurityTestConfiguration.NOW, null, null, second)));
		this.stats.record(heartbeat);
		given(this.agents.findById("agent-s"))
			.willReturn(Optional.of(TestAgents.agent(heartbeat, WebSecurityTestConfiguration.NOW)));

		this.mvc.perform(get("/api/agents/{id}", "agent-s").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.stats.containers", hasSize(2)))
			.andExpect(jsonPath("$.stats.containers[0].jobId").value("job-1"))
			.andExpect(jsonPath("$.stats.containers[0].cpuPercent").value(12.5))
			.andExpect(jsonPath("$.stats.containers[0].memoryBytes").value(100L << 20))
			.andExpect(jsonPath("$.stats.containers[0].memoryLimitBytes").value(256L << 20))
			.andExpect(jsonPath("$.stats.containers[0].networkTxBytes").value(2048))
			.andExpect(jsonPath("$.stats.containers[1].networkTxBytes").doesNotExist())
			.andExpect(jsonPath("$.stats.totals.containers").value(2))
			.andExpect(jsonPath("$.stats.totals.cpuPercent").value(62.5))
			.andExpect(jsonPath("$.stats.totals.memoryBytes").value(150L << 20))
			.andExpect(jsonPath("$.stats.totals.memoryLimitBytes").value(512L << 20));
	}

	@Test
	void listShowsHealthChecksAndCapacity() throws Exception {
		AgentHeartbeat heartbeat = new AgentHeartbeat("agent-1", 5, WebSecurityTestConfiguration.NOW,
				AgentState.UNHEALTHY,
				List.of(new AgentCheck("docker", true, null), new AgentCheck("memory", false, "only 10 MB free")),
				new AgentCapacity(4, 8_000_000_000L, 10_000_000L, null, 1, 10), Map.of("zone", "eu"), "host-1", "0.1.0",
				"20.10.24", Duration.ofSeconds(5), List.of());
		given(this.agents.findAllByOrderByIdAsc())
			.willReturn(List.of(TestAgents.agent(heartbeat, WebSecurityTestConfiguration.NOW)));

		this.mvc.perform(get("/api/agents").with(httpBasic("admin", "admin-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(1)))
			.andExpect(jsonPath("$[0].id").value("agent-1"))
			.andExpect(jsonPath("$[0].status").value("UNHEALTHY"))
			.andExpect(jsonPath("$[0].hostname").value("host-1"))
			.andExpect(jsonPath("$[0].labels.zone").value("eu"))
			.andExpect(jsonPath("$[0].checks[1].name").value("memory"))
			.andExpect(jsonPath("$[0].checks[1].passed").value(false))
			.andExpect(jsonPath("$[0].checks[1].message").value("only 10 MB free"))
			.andExpect(jsonPath("$[0].capacity.maxContainers").value(10))
			.andExpect(jsonPath("$[0].lastHeartbeatAt").value("2026-05-01T10:00:00Z"));
	}

	@Test
	void unknownAgentIs404Problem() throws Exception {
		given(this.agents.findById(anyString())).willReturn(Optional.empty());

		this.mvc.perform(get("/api/agents/{id}", "ghost").with(httpBasic("admin", "admin-pw")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("No agent with id ghost"));
	}

	@Test
	void agentsNeedALogin() throws Exception {
		this.mvc.perform(get("/api/agents")).andExpect(status().isUnauthorized());
	}

	@Test
	void anAdministratorConfirmsTheLossOfASilentAgent() throws Exception {
		Instant lastHeard = WebSecurityTestConfiguration.NOW.minusSeconds(600);
		given(this.agents.findById("agent-1"))
			.willReturn(Optional.of(TestAgents.agent(TestAgents.healthy("agent-1", 1, lastHeard), lastHeard)));
		given(this.jobs.findByAgentIdAndStateIn(anyString(), any())).willReturn(List.of());

		this.mvc.perform(post("/api/agents/{id}/confirm-loss", "agent-1").with(httpBasic("admin", "admin-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.status").value("LOST"));
	}

	@Test
	void theLossOfAnAgentThatIsHeardCannotBeConfirmed() throws Exception {
		Instant lastHeard = WebSecurityTestConfiguration.NOW.minusSeconds(2);
		given(this.agents.findById("agent-1"))
			.willReturn(Optional.of(TestAgents.agent(TestAgents.healthy("agent-1", 1, lastHeard), lastHeard)));

		this.mvc.perform(post("/api/agents/{id}/confirm-loss", "agent-1").with(httpBasic("admin", "admin-pw")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("The agent is heard"));
	}

	@Test
	void onlyAnAdministratorMayConfirmALoss() throws Exception {
		this.mvc.perform(post("/api/agents/{id}/confirm-loss", "agent-1").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isForbidden());
		verify(this.agents, never()).save(any());
	}

	@Test
	void drainByAPlainUserIs403ProblemAndChangesNothing() throws Exception {
		this.mvc
			.perform(post("/api/agents/agent-1/drain").with(httpBasic("alice", "alice-pw"))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.content("{\"move\": true}"))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith("application/problem+json"));
		this.mvc.perform(post("/api/agents/agent-1/undrain").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isForbidden());
		org.mockito.Mockito.verifyNoInteractions(this.drain);
	}

}
