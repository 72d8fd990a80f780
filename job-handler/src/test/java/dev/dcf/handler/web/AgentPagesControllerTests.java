package dev.dcf.handler.web;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentCapacity;
import dev.dcf.handler.agent.AgentCheck;
import dev.dcf.handler.agent.AgentHeartbeat;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.drain.DrainService;
import dev.dcf.handler.liveness.AgentLiveness;
import dev.dcf.handler.liveness.LivenessProperties;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.ContainerStats;
import dev.dcf.handler.agent.ReportedContainer;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.ContainerState;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The agents page: status, failed checks, capacity, labels, heartbeat time and
 * containers.
 */
@WebMvcTest(AgentPagesController.class)
@Import({ WebSecurityTestConfiguration.class, AgentOverview.class, Formats.class, AgentLiveness.class, StatsCards.class,
		ContainerStatsService.class })
@EnableConfigurationProperties(LivenessProperties.class)
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw" })
class AgentPagesControllerTests {

	private static final Instant NOW = WebSecurityTestConfiguration.NOW;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AgentService agents;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private DrainService drain;

	@MockitoBean
	private AgentRepository agentRepository;

	@MockitoBean
	private JobContainerRepository containers;

	@Autowired
	private ContainerStatsService stats;

	@Test
	void anAgentsCardShowsTheStatsOfItsContainersWithTotals() throws Exception {
		AgentHeartbeat heartbeat = new AgentHeartbeat("agent-stats", 1, NOW, AgentState.HEALTHY, List.of(),
				new AgentCapacity(2, 8L << 30, 4L << 30, null, 2, 10), Map.of(), "host", "1", "28",
				Duration.ofSeconds(5),
				List.of(new ReportedContainer("job-s", 1, 0, "c0", "dcf-job-s-0", ContainerState.RUNNING, null, NOW,
						null, null, new ContainerStats(12.5, 100L << 20, 256L << 20, null, NOW)),
						new ReportedContainer("job-s", 1, 1, "c1", "dcf-job-s-1", ContainerState.RUNNING, null, NOW,
								null, null, new ContainerStats(240.0, 240L << 20, 256L << 20, 2048L, NOW))));
		this.stats.record(heartbeat);
		given(this.agents.list()).willReturn(List.of(TestAgents.agent(heartbeat, NOW)));

		this.mvc.perform(get("/agents").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("Container stats"), containsString("12.5 %"),
					containsString("100 MiB / 256 MiB"), containsString("240 MiB / 256 MiB"),
					containsString("bg-danger"), containsString("2 KiB"), containsString("252.5 %"),
					containsString("340 MiB / 512 MiB"))))
			// the cards fetch themselves again on a live message; labels are badges
			.andExpect(content().string(containsString("hx-get=\"/agents/cards\"")))
			.andExpect(content().string(not(containsString("data-confirm="))));
	}

	@Test
	void agentsPageNeedsALogin() throws Exception {
		this.mvc.perform(get("/agents").accept(MediaType.TEXT_HTML))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/login"));
	}

	@Test
	void showsEachAgentWithStatusFailedChecksCapacityLabelsAndContainers() throws Exception {
		Agent agent = TestAgents.agent(
				TestAgents.heartbeat("agent-<1>", 1, NOW, AgentState.UNHEALTHY,
						List.of(new AgentCheck("docker", false, "daemon <down>"), new AgentCheck("disk", true, null))),
				NOW.minusSeconds(3));
		given(this.agents.list()).willReturn(List.of(agent));
		Job job = TestJobs.job("alice", NOW);
		JobContainer container = new JobContainer(job.getId(), 1, 0, agent.getId(), NOW);
		container.observe("0123456789abcdef0123", "dcf-" + job.getId() + "-0", ContainerState.RUNNING, null, NOW, null,
				NOW);
		given(this.containers.findByAgentIdOrderByJobIdAscIndexAsc(agent.getId())).willReturn(List.of(container));
		given(this.jobs.findAllById(any())).willReturn(List.of(job));
		given(this.jobs.findByAgentIdAndStateIn(anyString(), anyCollection())).willReturn(List.of(job));

		this.mvc.perform(get("/agents").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(">agent-&lt;1&gt;<"), containsString(">UNHEALTHY<"),
					containsString("daemon &lt;down&gt;"), not(containsString("daemon <down>")))))
			// capacity: 2 containers × 0.5 CPU reserved of 4; 2 GiB of 8 GiB used; 0 of
			// 20 containers
			.andExpect(content().string(allOf(containsString(">1 / 4<"), containsString(">2 GiB / 8 GiB<"),
					containsString(">0 / 20<"), containsString(">zone=eu<"))))
			.andExpect(content().string(allOf(containsString(">0123456789ab<"), containsString(">sample</a>"),
					containsString("data-at=\"" + NOW.minusSeconds(3).toEpochMilli() + "\""))));
	}

	@Test
	void containersOfALostAgentAreShownAsLastReportedAndThoseOfAReplacedRunAsSuch() throws Exception {
		Agent agent = TestAgents.agent(
				TestAgents.heartbeat("a1", 1, NOW.minusSeconds(60), AgentState.HEALTHY, List.of()),
				NOW.minusSeconds(60));
		agent.markLost(NOW);
		given(this.agents.list()).willReturn(List.of(agent));
		Job replaced = TestJobs.job("alice", NOW.minusSeconds(120));
		replaced.start("started by alice", NOW.minusSeconds(120));
		replaced.assignTo("a1", NOW.minusSeconds(119));
		replaced.markRunning(NOW.minusSeconds(118));
		replaced.markLost("agent a1 stopped heartbeating", NOW);
		replaced.replace("agent a1 is LOST", NOW);
		Job waiting = TestJobs.job(TestJobs.request().name("waiting").onAgentLost("wait").build(), "alice",
				NOW.minusSeconds(120));
		JobContainer old = new JobContainer(replaced.getId(), 1, 0, "a1", NOW.minusSeconds(118));
		old.observe("aaaaaaaaaaaaaaaa", "dcf-old-0", ContainerState.RUNNING, null, NOW, null, NOW.minusSeconds(60));
		JobContainer current = new JobContainer(waiting.getId(), 1, 0, "a1", NOW.minusSeconds(118));
		current.observe("bbbbbbbbbbbbbbbb", "dcf-waiting-0", ContainerState.RUNNING, null, NOW, null,
				NOW.minusSeconds(60));
		given(this.containers.findByAgentIdOrderByJobIdAscIndexAsc("a1")).willReturn(List.of(old, current));
		given(this.jobs.findAllById(any())).willReturn(List.of(replaced, waiting));
		given(this.jobs.findByAgentIdAndStateIn(anyString(), anyCollection())).willReturn(List.of());

		this.mvc.perform(get("/agents").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString(">LOST<"),
					containsString(">run 1, replaced by run 2: removed when the agent is heard<"),
					containsString(">last reported before the agent was lost<"),
					not(containsString("text-bg-success\">RUNNING")))));
	}

	@Test
	void withoutAgentsThePageSaysHowToGetOne() throws Exception {
		given(this.agents.list()).willReturn(List.of());

		this.mvc.perform(get("/agents").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("id=\"no-agents\"")));
	}

	@Test
	void cardsFragmentIsOnlyTheCards() throws Exception {
		given(this.agents.list()).willReturn(List.of());

		this.mvc.perform(get("/agents/cards").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"cards\""), not(containsString("<html")))));
	}

}
