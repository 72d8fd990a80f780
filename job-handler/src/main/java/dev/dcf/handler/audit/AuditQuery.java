package dev.dcf.handler.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * A filter over the audit log: each criterion may be {@code null} (no filter).
 *
 * @param actor who acted, exactly
 * @param action what was done
 * @param target part of the target's id or name, ignoring case
 * @param from at or after
 * @param to before
 */
public record AuditQuery(String actor, AuditAction action, String target, Instant from, Instant to) {

	Specification<AuditEntry> toSpecification() {
		return (root, query, builder) -> {
			List<Predicate> where = new ArrayList<>();
			if (this.actor != null && !this.actor.isBlank()) {
				where.add(builder.equal(root.get("actor"), this.actor.strip()));
			}
			if (this.action != null) {
				where.add(builder.equal(root.get("action"), this.action.label()));
			}
			if (this.target != null && !this.target.isBlank()) {
				String pattern = "%" + this.target.strip()
					.toLowerCase(Locale.ROOT)
					.replace("\\", "\\\\")
					.replace("%", "\\%")
					.replace("_", "\\_") + "%";
				where.add(builder.or(builder.like(builder.lower(root.get("targetId")), pattern, '\\'),
						builder.like(builder.lower(root.get("targetName")), pattern, '\\')));
			}
			if (this.from != null) {
				where.add(builder.greaterThanOrEqualTo(root.get("at"), this.from));
			}
			if (this.to != null) {
				where.add(builder.lessThan(root.get("at"), this.to));
			}
			return builder.and(where.toArray(Predicate[]::new));
		};
	}

}
