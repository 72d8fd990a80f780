package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

import jakarta.persistence.criteria.Predicate;

import org.springframework.data.jpa.domain.Specification;

/**
 * A search over jobs (the jobs page and {@code GET /api/jobs}): {@code q} matches part of
 * the name, image or topic, ignoring case; {@code owner} the owner exactly;
 * {@code states} any of the states. Blank or empty criteria match everything.
 *
 * @param q part of the name, image or topic
 * @param owner the owner
 * @param states the states
 */
public record JobSearch(String q, String owner, Collection<JobState> states) {

	/** Every job. */
	public static final JobSearch ALL = new JobSearch(null, null, List.of());

	/**
	 * Whether the search asks for states at most (no text, no owner).
	 * @return {@code true} if only states, or nothing, are given
	 */
	public boolean byStateOnly() {
		return isBlank(this.q) && isBlank(this.owner);
	}

	Specification<Job> toSpecification() {
		return (root, query, builder) -> {
			List<Predicate> where = new ArrayList<>();
			if (!isBlank(this.q)) {
				String pattern = "%" + escape(this.q.strip().toLowerCase(Locale.ROOT)) + "%";
				where.add(builder.or(builder.like(builder.lower(root.get("name")), pattern, '\\'),
						builder.like(builder.lower(root.get("image")), pattern, '\\'),
						builder.like(builder.lower(root.get("topic")), pattern, '\\')));
			}
			if (!isBlank(this.owner)) {
				where.add(builder.equal(root.get("owner"), this.owner.strip()));
			}
			if (this.states != null && !this.states.isEmpty()) {
				where.add(root.get("state").in(this.states));
			}
			return builder.and(where.toArray(Predicate[]::new));
		};
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
	}

	private static boolean isBlank(String text) {
		return text == null || text.isBlank();
	}

}
