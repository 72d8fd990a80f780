package dev.dcf.handler.api;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.agent.AgentService;

/**
 * {@code /api/agents}: the agent registry, read-only.
 */
@RestController
@RequestMapping("/api/agents")
class AgentController {

	private final AgentService agents;

	AgentController(AgentService agents) {
		this.agents = agents;
	}

	@GetMapping
	List<AgentView> list() {
		return this.agents.list().stream().map(AgentView::of).toList();
	}

	@GetMapping("/{id}")
	AgentView get(@PathVariable String id) {
		return AgentView.of(this.agents.get(id));
	}

}
