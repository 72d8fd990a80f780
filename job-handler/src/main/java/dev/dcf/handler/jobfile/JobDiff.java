package dev.dcf.handler.jobfile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

import tools.jackson.databind.json.JsonMapper;

import dev.dcf.handler.job.JobRequest;

/**
 * The fields in which two job settings differ, as flat paths ({@code containers},
 * {@code env[FOO]}, {@code restart.maxRestarts}, {@code command}). Values of environment
 * variables that look secret are never shown.
 */
final class JobDiff {

	static final String HIDDEN = "(hidden)";

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private JobDiff() {
	}

	/**
	 * One changed field.
	 *
	 * @param field its path
	 * @param oldValue the stored value, {@code null} if none
	 * @param newValue the file's value, {@code null} if none
	 */
	record Change(String field, Object oldValue, Object newValue) {
	}

	/**
	 * Compares two settings; {@code start} is not a setting and is ignored.
	 * @param stored the stored settings
	 * @param wanted the file's settings, with the same defaults filled in
	 * @return the changes, in field order
	 */
	static List<Change> between(JobRequest stored, JobRequest wanted) {
		Map<String, Object> before = flatten(stored);
		Map<String, Object> after = flatten(wanted);
		TreeSet<String> fields = new TreeSet<>(before.keySet());
		fields.addAll(after.keySet());
		Set<String> secret = new HashSet<>(stored.secretNames());
		secret.addAll(wanted.secretNames());
		List<Change> changes = new ArrayList<>();
		for (String field : order(fields, before, after)) {
			Object oldValue = before.get(field);
			Object newValue = after.get(field);
			if (!Objects.equals(oldValue, newValue)) {
				boolean hidden = field.startsWith("env[") && secret.contains(field.substring(4, field.length() - 1));
				changes.add(hidden
						? new Change(field, (oldValue != null) ? HIDDEN : null, (newValue != null) ? HIDDEN : null)
						: new Change(field, oldValue, newValue));
			}
		}
		return changes;
	}

	/** The fields in the order of the request (then env and labels by name). */
	private static List<String> order(TreeSet<String> fields, Map<String, Object> before, Map<String, Object> after) {
		List<String> ordered = new ArrayList<>();
		for (String key : after.keySet()) {
			if (fields.remove(key)) {
				ordered.add(key);
			}
		}
		for (String key : before.keySet()) {
			if (fields.remove(key)) {
				ordered.add(key);
			}
		}
		return ordered;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> flatten(JobRequest request) {
		Map<String, Object> tree = MAPPER.convertValue(request, Map.class);
		tree.remove("start");
		Map<String, Object> flat = new LinkedHashMap<>();
		flatten("", tree, flat);
		return flat;
	}

	@SuppressWarnings("unchecked")
	private static void flatten(String prefix, Map<String, Object> tree, Map<String, Object> flat) {
		boolean keyed = prefix.equals("env") || prefix.equals("agentLabels");
		tree.forEach((key, value) -> {
			String path = keyed ? prefix + "[" + key + "]" : (prefix.isEmpty() ? key : prefix + "." + key);
			if (value instanceof Map<?, ?> map && !map.isEmpty()) {
				flatten(path, (Map<String, Object>) map, flat);
			}
			else if (value instanceof Map<?, ?> || (value instanceof List<?> list && list.isEmpty())) {
				// empty: same as none
			}
			else if (value != null) {
				flat.put(path, value);
			}
		});
	}

}
