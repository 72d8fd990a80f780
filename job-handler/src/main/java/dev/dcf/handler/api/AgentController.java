package dev.dcf.handler.api;

import java.time.Clock;
import java.util.List;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.agent.Agent;
import dev.dcf.handler.agent.AgentService;
import dev.dcf.handler.drain.DrainService;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.liveness.AgentLiveness;
import dev.dcf.handler.stats.ContainerStatsService;

/**
 * {@code /api/agents}: the agent registry, an administrator's confirmation that a silent
 * agent is gone, and draining.
 */
@RestController
@RequestMapping("/api/agents")
class AgentController {

	private final AgentService agents;

	private final AgentLiveness liveness;

	private final Clock clock;

	private final DrainService drain;

	private final ContainerStatsService stats;

	AgentController(AgentService agents, AgentLiveness liveness, DrainService drain, Clock clock,
			ContainerStatsService stats) {
		this.stats = stats;
		this.agents = agents;
		this.drain = drain;
		this.liveness = liveness;
		this.clock = clock;
	}

	@GetMapping
	List<AgentView> list() {
		return this.agents.list().stream().map(this::view).toList();
	}

	@GetMapping("/{id}")
	AgentView get(@PathVariable String id) {
		return view(this.agents.get(id));
	}

	/**
	 * Declares a silent agent LOST now, e.g. while the mass-silence brake holds it back.
	 * Administrators only; 409 if the agent is still heard; repeated calls are no-ops.
	 */
	/**
	 * Marks an agent draining: placement chooses it no more; with {@code "move": true}
	 * its running jobs are moved to other agents one at a time. Administrators only;
	 * repeated calls are no-ops.
	 */
	@PostMapping("/{id}/drain")
	AgentView drain(@PathVariable String id, @RequestBody(required = false) DrainRequest request, Authentication user) {
		Actor actor = admin(user, "Only an administrator can drain an agent");
		boolean move = request != null && Boolean.TRUE.equals(request.move());
		return view(this.drain.drain(id, move, actor.name()));
	}

	/** Lifts the draining mark. Administrators only; repeated calls are no-ops. */
	@PostMapping("/{id}/undrain")
	AgentView undrain(@PathVariable String id, Authentication user) {
		Actor actor = admin(user, "Only an administrator can undrain an agent");
		return view(this.drain.undrain(id, actor.name()));
	}

	private static Actor admin(Authentication user, String refusal) {
		Actor actor = Actors.of(user);
		if (!actor.admin()) {
			throw new AccessDeniedException(refusal);
		}
		return actor;
	}

	/**
	 * The body of a drain request.
	 *
	 * @param move whether the agent's running jobs are moved elsewhere
	 */
	record DrainRequest(Boolean move) {
	}

	@PostMapping("/{id}/confirm-loss")
	AgentView confirmLoss(@PathVariable String id, Authentication user) {
		Actor actor = Actors.of(user);
		if (!actor.admin()) {
			throw new AccessDeniedException("Only an administrator can confirm the loss of an agent");
		}
		this.liveness.confirmLoss(id, actor.name(), this.clock.instant());
		return view(this.agents.get(id));
	}

	private AgentView view(Agent agent) {
		return AgentView.of(agent, this.stats.forAgent(agent.getId()));
	}

}
