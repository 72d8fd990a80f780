package dev.dcf.handler.job;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.springframework.data.domain.Sort;

/**
 * The orders a job list (jobs page, {@code GET /api/jobs}) may be sorted by
 * ({@code sort=name,asc}): one column, then the id so that pages are stable. Default:
 * newest first.
 */
public final class JobSorts {

	/** Column names as the API takes them, with the job's property. */
	public static final Map<String, String> COLUMNS;

	static {
		Map<String, String> columns = new LinkedHashMap<>();
		columns.put("name", "name");
		columns.put("image", "image");
		columns.put("topic", "topic");
		columns.put("state", "state");
		columns.put("owner", "owner");
		columns.put("agent", "run.agentId");
		columns.put("containers", "containers");
		columns.put("createdAt", "createdAt");
		COLUMNS = Collections.unmodifiableMap(columns);
	}

	private static final Set<String> TEXT = Set.of("name", "image", "topic", "owner", "run.agentId");

	public static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

	private JobSorts() {
	}

	/**
	 * @param text e.g. {@code name}, {@code name,asc}, {@code createdAt,desc}; blank for
	 * the default
	 * @return the order, {@code null} if the text names no known column or direction
	 */
	public static Sort parse(String text) {
		if (text == null || text.isBlank()) {
			return NEWEST_FIRST;
		}
		String[] parts = text.strip().split(",", -1);
		String property = COLUMNS.get(parts[0].strip());
		if (property == null || parts.length > 2) {
			return null;
		}
		Sort.Direction direction = Sort.Direction.ASC;
		if (parts.length == 2) {
			String dir = parts[1].strip().toLowerCase(Locale.ROOT);
			if (!dir.equals("asc") && !dir.equals("desc")) {
				return null;
			}
			direction = Sort.Direction.fromString(dir);
		}
		Sort.Order order = new Sort.Order(direction, property);
		if (TEXT.contains(property)) {
			order = order.ignoreCase();
		}
		return Sort.by(order, Sort.Order.asc("id"));
	}

}
