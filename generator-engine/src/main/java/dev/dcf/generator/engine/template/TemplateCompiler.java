package dev.dcf.generator.engine.template;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.dcf.generator.engine.SpecException;

/**
 * Turns the JSON of a template into nodes. The value is compiled first, then the key,
 * then the headers, each in document order: the order in which a record is generated, so
 * a field can refer to any field compiled before it.
 */
final class TemplateCompiler implements Expressions.Refs {

	private static final ObjectMapper JSON = JsonMapper.builder()
		.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
		.build();

	private static final Set<String> RECORD_MEMBERS = Set.of("key", "value", "headers");

	record Compiled(Node value, Node key, String[] headerNames, Node[] headers, int slots, int pools) {
	}

	/** Paths of all fields of the template, to tell "later" from "no such field". */
	private final Set<String> allPaths = new HashSet<>();

	/** Paths of the fields compiled so far, and their slots once referred to. */
	private final Map<String, Slotted> done = new HashMap<>();

	private int slots;

	private int pools;

	private TemplateCompiler() {
	}

	static Compiled compile(String json) {
		if (json == null || json.isBlank()) {
			throw new SpecException(TemplateSpec.FIELD, "the template is empty (a JSON document is expected)");
		}
		JsonNode root;
		try {
			root = JSON.readTree(json);
		}
		catch (JsonProcessingException ex) {
			JsonLocation at = ex.getLocation();
			throw new SpecException(TemplateSpec.FIELD, (at != null) ? at.getLineNr() : 0,
					(at != null) ? at.getColumnNr() : 0, "the template is not JSON: " + ex.getOriginalMessage());
		}
		return new TemplateCompiler().compileDocument(root);
	}

	private Compiled compileDocument(JsonNode root) {
		collectPaths(root, "$");
		boolean record = root.isObject() && hasRecordMember(root);
		if (!record) {
			return new Compiled(compile(root, "$"), null, new String[0], new Node[0], this.slots, this.pools);
		}
		for (Iterator<String> names = root.fieldNames(); names.hasNext();) {
			String name = names.next();
			if (!RECORD_MEMBERS.contains(name)) {
				throw new SpecException("$." + name, "a record template has only key, value and headers, not '" + name
						+ "' (to generate a document with such members, put it under \"value\")");
			}
		}
		Node value = root.has("value") ? compile(root.get("value"), "$.value") : null;
		Node key = root.has("key") ? compile(root.get("key"), "$.key") : null;
		List<String> headerNames = new ArrayList<>();
		List<Node> headers = new ArrayList<>();
		JsonNode headerNode = root.get("headers");
		if (headerNode != null && !headerNode.isNull()) {
			if (!headerNode.isObject()) {
				throw new SpecException("$.headers", "headers are an object of header names and values");
			}
			for (Map.Entry<String, JsonNode> header : headerNode.properties()) {
				String path = "$.headers." + header.getKey();
				if (header.getValue().isContainerNode()) {
					throw new SpecException(path, "a header's value is a string, a number, a boolean or an expression");
				}
				headerNames.add(header.getKey());
				headers.add(compile(header.getValue(), path));
			}
		}
		return new Compiled(value, key, headerNames.toArray(String[]::new), headers.toArray(Node[]::new), this.slots,
				this.pools);
	}

	private static boolean hasRecordMember(JsonNode root) {
		for (String member : RECORD_MEMBERS) {
			if (root.has(member)) {
				return true;
			}
		}
		return false;
	}

	private void collectPaths(JsonNode node, String path) {
		this.allPaths.add(path);
		if (node.isObject()) {
			node.properties().forEach((e) -> collectPaths(e.getValue(), path + "." + e.getKey()));
		}
		else if (node.isArray()) {
			for (int i = 0; i < node.size(); i++) {
				collectPaths(node.get(i), path + "[" + i + "]");
			}
		}
	}

	private Node compile(JsonNode json, String path) {
		Node node;
		if (json.isObject()) {
			List<String> names = new ArrayList<>();
			List<Node> children = new ArrayList<>();
			boolean literal = true;
			for (Map.Entry<String, JsonNode> field : json.properties()) {
				names.add(field.getKey());
				Node child = compile(field.getValue(), path + "." + field.getKey());
				literal &= isLiteral(child);
				children.add(child);
			}
			node = literal ? new Literal(constant(names, children))
					: new ObjectNode(names.toArray(String[]::new), children.toArray(Node[]::new));
		}
		else if (json.isArray()) {
			List<Node> items = new ArrayList<>();
			boolean literal = true;
			for (int i = 0; i < json.size(); i++) {
				Node item = compile(json.get(i), path + "[" + i + "]");
				literal &= isLiteral(item);
				items.add(item);
			}
			node = literal
					? new Literal(
							Collections.unmodifiableList(items.stream().map(TemplateCompiler::literalOf).toList()))
					: new ArrayNode(items.toArray(Node[]::new));
		}
		else if (json.isTextual()) {
			node = Expressions.compileText(json.textValue(), path, this);
		}
		else if (json.isNull()) {
			node = new Literal(null);
		}
		else if (json.isBoolean()) {
			node = new Literal(json.booleanValue());
		}
		else if (json.isIntegralNumber() && json.canConvertToLong()) {
			node = new Literal(json.longValue());
		}
		else {
			node = new Literal(json.decimalValue());
		}
		Slotted slotted = new Slotted(node);
		this.done.put(path, slotted);
		return slotted;
	}

	private static boolean isLiteral(Node node) {
		return node instanceof Slotted slotted && slotted.node instanceof Literal;
	}

	private static Object literalOf(Node node) {
		return ((Literal) ((Slotted) node).node).value();
	}

	private static Map<String, Object> constant(List<String> names, List<Node> children) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (int i = 0; i < names.size(); i++) {
			map.put(names.get(i), literalOf(children.get(i)));
		}
		return Collections.unmodifiableMap(map);
	}

	@Override
	public int newPool() {
		return this.pools++;
	}

	/** A node reading the value the field at {@code target} got in this record. */
	@Override
	public Node reference(String target, Args args) {
		String path = target.trim();
		Slotted field = this.done.get(path);
		if (field == null) {
			throw args.error(this.allPaths.contains(path) ? path
					+ " is generated after this field (a field refers to fields before it: the value's in order, then the key, then the headers)"
					: "the template has no field " + path);
		}
		if (field.node instanceof Literal literal) {
			return literal;
		}
		if (field.slot < 0) {
			field.slot = this.slots++;
		}
		int slot = field.slot;
		return (frame) -> frame.slots[slot];
	}

	/**
	 * A compiled field, keeping its value in a slot of the frame if a later field refers
	 * to it.
	 */
	private static final class Slotted implements Node {

		final Node node;

		int slot = -1;

		Slotted(Node node) {
			this.node = node;
		}

		@Override
		public Object eval(Frame frame) {
			Object value = this.node.eval(frame);
			if (this.slot >= 0) {
				frame.slots[this.slot] = value;
			}
			return value;
		}

	}

	record Literal(Object value) implements Node {

		@Override
		public Object eval(Frame frame) {
			return this.value;
		}

	}

	private record ObjectNode(String[] names, Node[] children) implements Node {

		@Override
		public Object eval(Frame frame) {
			Map<String, Object> map = new LinkedHashMap<>((int) (this.names.length / 0.75f) + 1);
			for (int i = 0; i < this.names.length; i++) {
				map.put(this.names[i], this.children[i].eval(frame));
			}
			return map;
		}

	}

	private record ArrayNode(Node[] items) implements Node {

		@Override
		public Object eval(Frame frame) {
			List<Object> list = new ArrayList<>(this.items.length);
			for (Node item : this.items) {
				list.add(item.eval(frame));
			}
			return list;
		}

	}

}
