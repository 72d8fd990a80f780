package dev.dcf.handler.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.audit.AuditAction;
import dev.dcf.handler.audit.AuditEntry;
import dev.dcf.handler.audit.AuditQuery;
import dev.dcf.handler.audit.AuditService;

/**
 * {@code GET /api/audit}: the audit log, newest first, paged and filtered. Administrators
 * only.
 */
@RestController
@RequestMapping("/api/audit")
class AuditController {

	private final AuditService audit;

	AuditController(AuditService audit) {
		this.audit = audit;
	}

	@GetMapping
	AuditPage list(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String target, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "50") int size, Authentication user) {
		if (!Actors.of(user).admin()) {
			throw new AccessDeniedException("Only an administrator can read the audit log");
		}
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more");
		}
		if (size < 1 || size > JobController.MAX_PAGE_SIZE) {
			throw new InvalidParameterException("size", "must be between 1 and " + JobController.MAX_PAGE_SIZE);
		}
		AuditAction parsed = null;
		if (action != null && !action.isBlank()) {
			parsed = AuditAction.parse(action.strip());
			if (parsed == null) {
				throw new InvalidParameterException("action",
						"must be one of " + List.of(AuditAction.values()).stream().map(AuditAction::label).toList());
			}
		}
		AuditQuery query = new AuditQuery(actor, parsed, target, instant("from", from), instant("to", to));
		return AuditPage.of(this.audit.search(query, page, size));
	}

	private static Instant instant(String name, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new InvalidParameterException(name, "must be an ISO-8601 instant, e.g. 2026-05-01T10:00:00Z");
		}
	}

	/**
	 * One page of audit entries.
	 */
	record AuditPage(List<Entry> content, int page, int size, long totalElements, int totalPages) {

		static AuditPage of(Page<AuditEntry> page) {
			return new AuditPage(page.getContent().stream().map(Entry::of).toList(), page.getNumber(), page.getSize(),
					page.getTotalElements(), page.getTotalPages());
		}

	}

	/**
	 * One entry as the API shows it.
	 */
	record Entry(long id, Instant at, String actor, String action, String targetType, String targetId,
			String targetName, String detail) {

		static Entry of(AuditEntry entry) {
			return new Entry(entry.getId(), entry.getAt(), entry.getActor(), entry.getAction(), entry.getTargetType(),
					entry.getTargetId(), entry.getTargetName(), entry.getDetail());
		}

	}

}
