package dev.dcf.handler.web;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentRepository;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.agent.AgentState;
import dev.dcf.handler.agent.TestAgents;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.drain.DrainService;
import dev.dcf.handler.liveness.AgentLiveness;
import dev.dcf.handler.liveness.LivenessProperties;
import dev.dcf.handler.liveness.LivenessStatus;
import dev.dcf.handler.stats.ContainerStatsService;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The control-plane alarm in the GUI: while the mass-silence brake holds agents, every
 * page shows a banner naming them, the agents page marks them, and an administrator (only
 * one) may confirm a loss there.
 */
@WebMvcTest(AgentPagesController.class)
@Import({ WebSecurityTestConfiguration.class, AgentOverview.class, Formats.class, AgentLiveness.class, StatsCards.class,
		ContainerStatsService.class })
@EnableConfigurationProperties(LivenessProperties.class)
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw" })
class LivenessAlarmPagesTests {

	private static final Instant NOW = WebSecurityTestConfiguration.NOW;

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AgentService agents;

	@MockitoBean
	private AgentRepository agentRepository;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private JobContainerRepository containers;

	@MockitoBean
	private LivenessStatus liveness;

	@MockitoBean
	private DrainService drain;

	private Agent silent;

	@BeforeEach
	void heldAgent() {
		Instant lastHeard = NOW.minusSeconds(600);
		this.silent = TestAgents.agent(TestAgents.healthy("agent-7", 1, lastHeard), lastHeard);
		given(this.agents.list()).willReturn(List.of(this.silent));
		given(this.agentRepository.findById("agent-7")).willReturn(Optional.of(this.silent));
		given(this.jobs.findByAgentIdAndStateIn(anyString(), anyCollection())).willReturn(List.of());
		given(this.liveness.snapshot()).willReturn(new LivenessStatus.Snapshot(NOW.minusSeconds(900), null, null,
				List.of("agent-7"), NOW.minusSeconds(60)));
	}

	@Test
	void everyPageShowsTheAlarmAndTheAgentsPageMarksTheHeldAgent() throws Exception {
		this.mvc.perform(get("/agents").with(user("bob")))
			.andExpect(status().isOk())
			.andExpect(content().string(allOf(containsString("id=\"liveness-alarm\""),
					containsString("most agents fell silent at once (held: agent-7)"),
					containsString("Silent, not declared LOST"), not(containsString("action-confirm-loss")))));
	}

	@Test
	void anAdministratorMayConfirmTheLossThere() throws Exception {
		this.mvc.perform(get("/agents").with(user("root").roles("ADMIN")))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("action-confirm-loss")));

		this.mvc.perform(post("/agents/agent-7/confirm-loss").with(user("root").roles("ADMIN")).with(csrf()))
			.andExpect(status().isFound())
			.andExpect(redirectedUrl("/agents"))
			.andExpect(flash().attribute("success", "Agent agent-7 is LOST, and its active jobs with it"));
		assertThat(this.silent.getStatus()).isEqualTo(AgentState.LOST);
	}

	@Test
	void someoneElseMayNotConfirmALoss() throws Exception {
		this.mvc.perform(post("/agents/agent-7/confirm-loss").with(user("bob")).with(csrf()))
			.andExpect(status().isForbidden());
		assertThat(this.silent.getStatus()).isEqualTo(AgentState.HEALTHY);
	}

}
