package dev.dcf.handler.web;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dcf.handler.drain.DrainService;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.liveness.AgentLiveness;
import dev.dcf.handler.liveness.NoLossToConfirmException;

/**
 * The agents page and its fragment, which the page fetches when an agent changes; an
 * administrator's confirmation that a silent agent is gone.
 */
@Controller
class AgentPagesController {

	private final AgentOverview overview;

	private final AgentLiveness liveness;

	private final Clock clock;

	private final DrainService drain;

	AgentPagesController(AgentOverview overview, AgentLiveness liveness, DrainService drain, Clock clock) {
		this.overview = overview;
		this.drain = drain;
		this.liveness = liveness;
		this.clock = clock;
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

	/**
	 * An administrator confirms that a silent agent is gone (see the REST API's
	 * {@code confirm-loss}).
	 */
	@PostMapping("/agents/{id}/confirm-loss")
	String confirmLoss(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		Actor actor = CurrentUser.actor(user);
		if (!actor.admin()) {
			throw new AccessDeniedException("Only an administrator can confirm the loss of an agent");
		}
		try {
			this.liveness.confirmLoss(id, actor.name(), this.clock.instant());
			redirect.addFlashAttribute("success", "Agent " + id + " is LOST, and its active jobs with it");
		}
		catch (NoLossToConfirmException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/agents";
	}

	/** An administrator drains an agent (see the REST API's {@code drain}). */
	@PostMapping("/agents/{id}/drain")
	String drain(@PathVariable String id, @RequestParam(defaultValue = "false") boolean move, Authentication user,
			RedirectAttributes redirect) {
		Actor actor = admin(user);
		this.drain.drain(id, move, actor.name());
		redirect.addFlashAttribute("success", "Agent " + id + " is draining"
				+ (move ? "; its running jobs are moved to other agents one at a time" : ""));
		return "redirect:/agents";
	}

	@PostMapping("/agents/{id}/undrain")
	String undrain(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		Actor actor = admin(user);
		this.drain.undrain(id, actor.name());
		redirect.addFlashAttribute("success", "Agent " + id + " takes new jobs again");
		return "redirect:/agents";
	}

	private static Actor admin(Authentication user) {
		Actor actor = CurrentUser.actor(user);
		if (!actor.admin()) {
			throw new AccessDeniedException("Only an administrator can drain or undrain an agent");
		}
		return actor;
	}

	private void fill(Model model) {
		List<AgentCard> cards = this.overview.cards();
		model.addAttribute("cards", cards);
		Map<String, Map<String, String>> staying = new HashMap<>();
		cards.forEach((card) -> staying.put(card.agent().getId(), this.drain.staying(card.agent().getId())));
		model.addAttribute("drainStaying", staying);
	}

}
