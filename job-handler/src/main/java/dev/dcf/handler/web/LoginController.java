package dev.dcf.handler.web;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page. Spring Security handles the POST, the failure ({@code ?error}) and the
 * logout ({@code ?logout}); someone already logged in goes to the jobs.
 */
@Controller
class LoginController {

	@GetMapping("/login")
	String login(Authentication user) {
		if (user != null && user.isAuthenticated() && !(user instanceof AnonymousAuthenticationToken)) {
			return "redirect:/";
		}
		return "login";
	}

}
