package dev.dcf.handler.api;

import java.net.URI;
import java.util.List;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.dcf.handler.token.ApiTokenService;
import dev.dcf.handler.token.ApiTokenView;
import dev.dcf.handler.token.CreatedApiToken;

/**
 * {@code /api/tokens}: the caller's personal API tokens. Creating one answers its secret,
 * the only time it is ever shown; lists never show it. An administrator may revoke
 * anyone's token.
 */
@RestController
@RequestMapping("/api/tokens")
class ApiTokenController {

	private final ApiTokenService tokens;

	ApiTokenController(ApiTokenService tokens) {
		this.tokens = tokens;
	}

	@PostMapping
	ResponseEntity<CreatedApiToken> create(@RequestBody TokenRequest request, Authentication user) {
		CreatedApiToken created = this.tokens.create(user.getName(), request.name(), request.days());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(created.view().id())
			.toUri();
		return ResponseEntity.created(location).body(created);
	}

	@GetMapping
	List<ApiTokenView> list(Authentication user) {
		return this.tokens.list(user.getName());
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> revoke(@PathVariable String id, Authentication user) {
		this.tokens.revoke(id, user.getName(), Actors.of(user).admin());
		return ResponseEntity.noContent().build();
	}

	/**
	 * A new token.
	 *
	 * @param name what to call it, 1 to 100 characters
	 * @param days how long it works, 1 to 365, 30 if absent
	 */
	record TokenRequest(String name, Integer days) {
	}

}
