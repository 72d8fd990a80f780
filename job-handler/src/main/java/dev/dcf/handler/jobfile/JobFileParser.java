package dev.dcf.handler.jobfile;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.handler.job.JobRequest;

/**
 * Reads a job file: YAML or JSON (JSON is YAML), one job per document, a document with a
 * {@code jobs} list, or a list of jobs; several documents separated by {@code ---}. Field
 * names are those of the REST API ({@link JobRequest}). Every field's line is kept (from
 * SnakeYAML's node marks) so that errors can name it. Aliases and custom tags are
 * refused; strings are never turned into dates or other objects.
 */
final class JobFileParser {

	/** Largest file accepted, in characters. */
	static final int MAX_CHARS = 1024 * 1024;

	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private JobFileParser() {
	}

	/**
	 * Parses a job file.
	 * @param text the file's text
	 * @return its jobs, in order
	 * @throws InvalidJobFileException if it does not parse or has a field of the wrong
	 * type or an unknown field (all such problems of the file)
	 */
	static List<JobFileEntry> parse(String text) {
		if (text == null || text.isBlank()) {
			throw invalid("", 0, "the file is empty");
		}
		if (text.length() > MAX_CHARS) {
			throw invalid("", 0, "the file is larger than " + MAX_CHARS + " characters");
		}
		List<Node> jobNodes = new ArrayList<>();
		List<JobFileViolation> problems = new ArrayList<>();
		try {
			LoaderOptions options = new LoaderOptions();
			options.setMaxAliasesForCollections(0);
			for (Node document : new Yaml(options).composeAll(new StringReader(text))) {
				collectJobs(document, jobNodes, problems);
			}
		}
		catch (MarkedYAMLException ex) {
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			throw invalid("", (mark != null) ? mark.getLine() + 1 : 0, "not valid YAML or JSON: " + ex.getProblem());
		}
		catch (YAMLException ex) {
			throw invalid("", 0, "not valid YAML or JSON: " + ex.getMessage());
		}
		if (jobNodes.isEmpty() && problems.isEmpty()) {
			problems.add(new JobFileViolation("", 0, "the file has no jobs"));
		}
		List<JobFileEntry> entries = new ArrayList<>();
		for (int index = 0; index < jobNodes.size(); index++) {
			JobFileEntry entry = toEntry(index, jobNodes.get(index), problems);
			if (entry != null) {
				entries.add(entry);
			}
		}
		if (!problems.isEmpty()) {
			throw new InvalidJobFileException(problems);
		}
		return entries;
	}

	private static void collectJobs(Node document, List<Node> jobs, List<JobFileViolation> problems) {
		if (document instanceof SequenceNode list) {
			jobs.addAll(list.getValue());
			return;
		}
		if (document instanceof MappingNode map) {
			for (NodeTuple tuple : map.getValue()) {
				if (tuple.getKeyNode() instanceof ScalarNode key && "jobs".equals(key.getValue())) {
					if (map.getValue().size() > 1) {
						problems.add(
								new JobFileViolation("", line(map), "a document with a jobs list has no other fields"));
						return;
					}
					if (tuple.getValueNode() instanceof SequenceNode list) {
						jobs.addAll(list.getValue());
					}
					else {
						problems
							.add(new JobFileViolation("jobs", line(tuple.getValueNode()), "must be a list of jobs"));
					}
					return;
				}
			}
			jobs.add(map);
			return;
		}
		if (document instanceof ScalarNode scalar && Tag.NULL.equals(scalar.getTag())) {
			return; // an empty document, e.g. after a trailing ---
		}
		problems.add(new JobFileViolation("", line(document), "must be a job, a list of jobs or {jobs: [...]}"));
	}

	private static JobFileEntry toEntry(int index, Node node, List<JobFileViolation> problems) {
		String prefix = "jobs[" + index + "]";
		if (!(node instanceof MappingNode)) {
			problems.add(new JobFileViolation(prefix, line(node), "a job must be a mapping of fields"));
			return null;
		}
		Map<String, Integer> lines = new HashMap<>();
		List<JobFileViolation> own = new ArrayList<>();
		Object value = toValue(node, "", lines, own, prefix);
		if (!own.isEmpty()) {
			problems.addAll(own);
			return null;
		}
		try {
			JobRequest request = MAPPER.convertValue(value, JobRequest.class);
			return new JobFileEntry(index, line(node), request, lines);
		}
		catch (DatabindException ex) {
			String path = path(ex.getPath());
			Integer at = lines.get(path);
			problems.add(new JobFileViolation(prefix + (path.isEmpty() ? "" : "." + path),
					(at != null) ? at : line(node), problem(ex)));
			return null;
		}
		catch (JacksonException | IllegalArgumentException ex) {
			problems.add(new JobFileViolation(prefix, line(node), ex.getMessage()));
			return null;
		}
	}

	private static String problem(DatabindException ex) {
		String message = ex.getOriginalMessage();
		if (message.startsWith("Unrecognized property")) {
			return "unknown field";
		}
		int cut = message.indexOf(" from ");
		if (message.startsWith("Cannot deserialize value of type") && cut > 0) {
			String type = message.substring("Cannot deserialize value of type".length(), cut).trim();
			return "must be " + simpleType(type);
		}
		if (message.startsWith("Cannot deserialize")) {
			return "has the wrong type";
		}
		return message;
	}

	private static String simpleType(String type) {
		String plain = type.replace("`", "");
		if (plain.endsWith("Integer") || plain.endsWith("Long") || plain.equals("int") || plain.equals("long")) {
			return "a whole number";
		}
		if (plain.endsWith("Double") || plain.equals("double")) {
			return "a number";
		}
		if (plain.endsWith("Boolean")) {
			return "true or false";
		}
		if (plain.endsWith("Instant")) {
			return "a UTC time like 2030-01-31T12:00:00Z";
		}
		if (plain.startsWith("java.util.List")) {
			return "a list";
		}
		if (plain.startsWith("java.util.Map") || plain.startsWith("dev.dcf")) {
			return "a mapping";
		}
		return "a " + plain.substring(plain.lastIndexOf('.') + 1);
	}

	/** Jackson's path in the form {@link JobFileEntry#lines} uses. */
	private static String path(List<JacksonException.Reference> references) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : references) {
			String property = reference.getPropertyName();
			if (property != null) {
				if (path.toString().equals("env") || path.toString().equals("agentLabels")) {
					path.append('[').append(property).append(']');
				}
				else {
					path.append(path.isEmpty() ? "" : ".").append(property);
				}
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	/** Plain values (maps, lists, strings, numbers, booleans, null) for Jackson. */
	private static Object toValue(Node node, String path, Map<String, Integer> lines, List<JobFileViolation> problems,
			String prefix) {
		lines.putIfAbsent(path, line(node));
		if (node instanceof MappingNode map) {
			Map<String, Object> result = new LinkedHashMap<>();
			boolean keyed = path.equals("env") || path.equals("agentLabels");
			for (NodeTuple tuple : map.getValue()) {
				if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
					problems.add(new JobFileViolation(prefix + "." + path, line(tuple.getKeyNode()),
							"field names must be plain text"));
					continue;
				}
				String child = keyed ? path + "[" + key.getValue() + "]"
						: (path.isEmpty() ? key.getValue() : path + "." + key.getValue());
				if (result.containsKey(key.getValue())) {
					problems.add(new JobFileViolation(prefix + "." + child, line(key), "is given twice"));
					continue;
				}
				lines.put(child, line(key));
				// env and labels are text: 8080 means "8080", on means "on"
				Object value = (keyed && isText(tuple.getValueNode())) ? ((ScalarNode) tuple.getValueNode()).getValue()
						: toValue(tuple.getValueNode(), child, lines, problems, prefix);
				result.put(key.getValue(), value);
			}
			return result;
		}
		if (node instanceof SequenceNode list) {
			List<Object> result = new ArrayList<>();
			for (Node item : list.getValue()) {
				String child = path + "[" + result.size() + "]";
				lines.put(child, line(item));
				result.add((path.equals("command") && isText(item)) ? ((ScalarNode) item).getValue()
						: toValue(item, child, lines, problems, prefix));
			}
			return result;
		}
		ScalarNode scalar = (ScalarNode) node;
		String text = scalar.getValue();
		Tag tag = scalar.getTag();
		if (Tag.NULL.equals(tag)) {
			return null;
		}
		if (Tag.BOOL.equals(tag)) {
			return Boolean.valueOf(text.toLowerCase(Locale.ROOT).matches("true|yes|on|y"));
		}
		if (Tag.INT.equals(tag)) {
			try {
				return Long.valueOf(text.replace("_", ""));
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		if (Tag.FLOAT.equals(tag)) {
			try {
				return Double.valueOf(text.replace("_", ""));
			}
			catch (NumberFormatException ex) {
				return text;
			}
		}
		return text;
	}

	private static boolean isText(Node node) {
		return node instanceof ScalarNode scalar && !Tag.NULL.equals(scalar.getTag());
	}

	private static int line(Node node) {
		return node.getStartMark().getLine() + 1;
	}

	private static InvalidJobFileException invalid(String field, int line, String message) {
		return new InvalidJobFileException(List.of(new JobFileViolation(field, line, message)));
	}

}
