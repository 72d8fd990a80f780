package dev.dcf.handler.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.springframework.data.domain.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

import dev.dcf.handler.audit.AuditAction;
import dev.dcf.handler.audit.AuditEntry;
import dev.dcf.handler.audit.AuditQuery;
import dev.dcf.handler.audit.AuditService;

/**
 * The audit log page for administrators: newest first, paged, filtered by who, action,
 * target and time.
 */
@Controller
class AuditPagesController {

	private static final int PAGE_SIZE = 50;

	private final AuditService audit;

	AuditPagesController(AuditService audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	String audit(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String target, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page, Authentication user,
			Model model) {
		if (!CurrentUser.actor(user).admin()) {
			throw new AccessDeniedException("Only an administrator can read the audit log");
		}
		model.addAttribute("actor", actor);
		model.addAttribute("action", action);
		model.addAttribute("target", target);
		model.addAttribute("from", from);
		model.addAttribute("to", to);
		model.addAttribute("actions", AuditAction.values());
		Instant fromTime = null;
		Instant toTime = null;
		try {
			fromTime = (from == null || from.isBlank()) ? null : Instant.parse(from.strip());
			toTime = (to == null || to.isBlank()) ? null : Instant.parse(to.strip());
		}
		catch (DateTimeParseException ex) {
			model.addAttribute("error", "From and To are UTC times like 2026-05-01T10:00:00Z");
		}
		AuditAction parsed = (action == null || action.isBlank()) ? null : AuditAction.parse(action);
		Page<AuditEntry> entries = this.audit.search(new AuditQuery(actor, parsed, target, fromTime, toTime),
				Math.max(0, page), PAGE_SIZE);
		model.addAttribute("page", entries);
		return "audit/list";
	}

}
