package dev.dcf.handler.web;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dcf.handler.token.ApiTokenService;
import dev.dcf.handler.token.CreatedApiToken;
import dev.dcf.handler.token.InvalidTokenRequestException;
import dev.dcf.handler.token.TokenNotFoundException;

/**
 * {@code /tokens}: the logged-in user's API tokens. A new token's secret is shown once,
 * on the page the creation redirects to (a flash attribute: reloading the page does not
 * show it again).
 */
@Controller
class TokenPagesController {

	private final ApiTokenService tokens;

	TokenPagesController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@GetMapping("/tokens")
	String tokens(Authentication user, Model model) {
		model.addAttribute("tokens", this.tokens.list(user.getName()));
		if (!model.containsAttribute("tokenName")) {
			model.addAttribute("tokenName", "");
		}
		if (!model.containsAttribute("tokenDays")) {
			model.addAttribute("tokenDays", "30");
		}
		return "tokens/list";
	}

	@PostMapping("/tokens")
	String create(@RequestParam(defaultValue = "") String name, @RequestParam(defaultValue = "") String days,
			Authentication user, RedirectAttributes redirect) {
		try {
			CreatedApiToken created = this.tokens.create(user.getName(), name, parseDays(days));
			redirect.addFlashAttribute("newToken", created);
			redirect.addFlashAttribute("success",
					"Token " + created.view().name() + " created. Copy it now: it is not shown again.");
		}
		catch (InvalidTokenRequestException ex) {
			redirect.addFlashAttribute("tokenError", ex.field() + ": " + ex.getMessage());
			redirect.addFlashAttribute("tokenErrorField", ex.field());
			redirect.addFlashAttribute("tokenName", name);
			redirect.addFlashAttribute("tokenDays", days);
		}
		return "redirect:/tokens";
	}

	@PostMapping("/tokens/{id}/revoke")
	String revoke(@PathVariable String id, Authentication user, RedirectAttributes redirect) {
		try {
			this.tokens.revoke(id, user.getName(), CurrentUser.actor(user).admin());
			redirect.addFlashAttribute("success", "Token revoked: it no longer works");
		}
		catch (TokenNotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		return "redirect:/tokens";
	}

	private static Integer parseDays(String days) {
		if (days.isBlank()) {
			return null;
		}
		try {
			return Integer.valueOf(days.strip());
		}
		catch (NumberFormatException ex) {
			// out of range: the service names the field
			return -1;
		}
	}

}
