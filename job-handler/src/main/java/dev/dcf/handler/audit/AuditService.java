package dev.dcf.handler.audit;

import java.time.Instant;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Writes and reads the audit log. {@link #record} joins the caller's transaction, so an
 * action and its entry commit together.
 */
@Service
@Transactional
public class AuditService {

	private final AuditRepository entries;

	AuditService(AuditRepository entries) {
		this.entries = entries;
	}

	/**
	 * Adds an entry.
	 * @param at when
	 * @param actor who (a user name, or the name tried in a failed login)
	 * @param action what
	 * @param targetType {@code job}, {@code agent} or {@code user}
	 * @param targetId the target's id
	 * @param targetName the target's name, if it has one
	 * @param detail more, may be {@code null}
	 * @return the stored entry
	 */
	public AuditEntry record(Instant at, String actor, AuditAction action, String targetType, String targetId,
			String targetName, String detail) {
		return this.entries.save(new AuditEntry(at, actor, action, targetType, targetId, targetName, detail));
	}

	/**
	 * One page of the entries a filter finds, newest first.
	 * @param query the filter
	 * @param page the page, from 0
	 * @param size entries per page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Page<AuditEntry> search(AuditQuery query, int page, int size) {
		return this.entries.findAll(query.toSpecification(),
				PageRequest.of(page, size, Sort.by(Sort.Order.desc("at"), Sort.Order.desc("id"))));
	}

}
