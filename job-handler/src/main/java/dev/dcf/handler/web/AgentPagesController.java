package dev.dcf.handler.web;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The agents page and its fragment, which the page fetches when an agent changes.
 */
@Controller
class AgentPagesController {

	private final AgentOverview overview;

	AgentPagesController(AgentOverview overview) {
		this.overview = overview;
	}

	@GetMapping("/agents")
	String agents(Model model) {
		fill(model);
		return "agents/list";
	}

	@GetMapping("/agents/cards")
	String cards(Model model) {
		fill(model);
		return "agents/list :: cards";
	}

	private void fill(Model model) {
		model.addAttribute("cards", this.overview.cards());
	}

}
