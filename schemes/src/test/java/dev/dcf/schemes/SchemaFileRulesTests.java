package dev.dcf.schemes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code .avsc} files obey the rules that let them evolve (docs/wire-contract.md).
 */
class SchemaFileRulesTests {

	private static final Path AVRO_DIR = Path.of("src/main/avro");

	private static final String NAMESPACE = "dev.dcf.schemes.avro";

	private static List<Path> files;

	private static List<Schema> namedSchemas;

	@BeforeAll
	static void parseAllFiles() throws IOException {
		try (Stream<Path> listing = Files.list(AVRO_DIR)) {
			files = listing.filter((file) -> file.toString().endsWith(".avsc")).sorted().toList();
		}
		assertThat(files).hasSizeGreaterThanOrEqualTo(3);
		namedSchemas = parseInDependencyOrder(files);
	}

	/**
	 * Parses each file once the types it references are known, like the build's
	 * {@code <imports>}; fails if some file never parses.
	 */
	private static List<Schema> parseInDependencyOrder(List<Path> avsc) throws IOException {
		Map<String, Schema> known = new LinkedHashMap<>();
		List<Path> remaining = new ArrayList<>(avsc);
		Map<Path, String> lastError = new HashMap<>();
		boolean progress = true;
		while (!remaining.isEmpty() && progress) {
			progress = false;
			for (Iterator<Path> it = remaining.iterator(); it.hasNext();) {
				Path file = it.next();
				Schema.Parser parser = new Schema.Parser().addTypes(known.values());
				try {
					parser.parse(file.toFile());
					known.putAll(parser.getTypes());
					it.remove();
					progress = true;
				}
				catch (AvroRuntimeException ex) {
					lastError.put(file, ex.getMessage());
				}
			}
		}
		assertThat(remaining).as("files that do not parse: %s", lastError).isEmpty();
		return List.copyOf(known.values());
	}

	@Test
	void everyManagementMessageHasItsFile() {
		assertThat(namedSchemas).extracting(Schema::getFullName)
			.contains(NAMESPACE + ".JobInstruction", NAMESPACE + ".JobStatus", NAMESPACE + ".AgentStatus");
	}

	@Test
	void namedTypesArePascalCaseInOurNamespace() {
		assertThat(namedSchemas).allSatisfy((schema) -> {
			assertThat(schema.getName()).as("name of %s", schema.getFullName()).matches("[A-Z][A-Za-z0-9]*");
			assertThat(schema.getNamespace()).as("namespace of %s", schema.getName()).isEqualTo(NAMESPACE);
		});
	}

	@Test
	void fieldsAreCamelCase() {
		assertThat(allFields()).allSatisfy((field) -> assertThat(field.name()).matches("[a-z][A-Za-z0-9]*"));
	}

	@Test
	void everyEnumDefaultsToItsFirstSymbolUnknown() {
		List<Schema> enums = namedSchemas.stream().filter((s) -> s.getType() == Schema.Type.ENUM).toList();
		assertThat(enums).isNotEmpty().allSatisfy((schema) -> {
			assertThat(schema.getEnumDefault()).as("default of enum %s", schema.getName()).isNotNull();
			// docs/wire-contract.md: the first symbol, UNKNOWN, is the default
			assertThat(schema.getEnumSymbols().get(0)).as("first symbol of %s", schema.getName()).isEqualTo("UNKNOWN");
			assertThat(schema.getEnumDefault()).isEqualTo("UNKNOWN");
		});
	}

	@Test
	void everyUnionWithNullPutsNullFirstAndDefaultsToNull() {
		List<Schema.Field> nullable = allFields().stream().filter((f) -> f.schema().isNullable()).toList();
		assertThat(nullable).isNotEmpty().allSatisfy((field) -> {
			assertThat(field.schema().getType()).as(field.name()).isEqualTo(Schema.Type.UNION);
			assertThat(field.schema().getTypes()).as(field.name()).hasSize(2);
			assertThat(field.schema().getTypes().get(0).getType()).as(field.name()).isEqualTo(Schema.Type.NULL);
			assertThat(field.defaultVal()).as("default of %s", field.name()).isEqualTo(JsonProperties.NULL_VALUE);
		});
	}

	@Test
	void timestampsAreTimestampMillisLongs() {
		List<Schema.Field> timestamps = allFields().stream()
			.filter((f) -> f.name().endsWith("At") || f.name().equals("timestamp"))
			.toList();
		assertThat(timestamps).isNotEmpty().allSatisfy((field) -> {
			Schema type = nonNull(field.schema());
			assertThat(type.getType()).as(field.name()).isEqualTo(Schema.Type.LONG);
			assertThat(type.getLogicalType()).as(field.name()).isEqualTo(LogicalTypes.timestampMillis());
		});
		// and no other time representation anywhere
		assertThat(allFields()).allSatisfy((field) -> {
			LogicalType logicalType = nonNull(field.schema()).getLogicalType();
			if (logicalType != null && logicalType.getName().contains("time")) {
				assertThat(logicalType.getName()).as(field.name()).isEqualTo("timestamp-millis");
			}
		});
	}

	@Test
	void sharedTypesAreDefinedInExactlyOneFile() throws IOException {
		ObjectMapper json = new ObjectMapper();
		Map<String, List<Path>> definitions = new HashMap<>();
		for (Path file : files) {
			collectDefinitions(json.readTree(file.toFile()), file, definitions);
		}
		assertThat(definitions).allSatisfy((name, where) -> assertThat(where).as(name).hasSize(1));
		Set<String> sharedTypes = Set.of("ContainerState", "ContainerInfo", "ResourceLimits");
		assertThat(definitions.keySet()).containsAll(sharedTypes);
		sharedTypes
			.forEach((name) -> assertThat(definitions.get(name).get(0).getFileName()).hasToString(name + ".avsc"));
	}

	@Test
	void generatedClassesWereBuiltFromTheseFiles() throws ReflectiveOperationException {
		for (Schema schema : namedSchemas) {
			Schema generated = (Schema) Class.forName(schema.getFullName()).getField("SCHEMA$").get(null);
			// the build adds "avro.java.string": "String" (stringType=String); nothing
			// else may differ
			String withoutJavaStringHints = generated.toString()
				.replace("{\"type\":\"string\",\"avro.java.string\":\"String\"}", "\"string\"")
				.replace(",\"avro.java.string\":\"String\"", "");
			assertThat(withoutJavaStringHints).as(schema.getFullName()).isEqualTo(schema.toString());
		}
	}

	private static void collectDefinitions(JsonNode node, Path file, Map<String, List<Path>> definitions) {
		if (node.isObject()) {
			String type = node.path("type").asText("");
			if (Set.of("record", "enum", "fixed").contains(type)) {
				definitions.computeIfAbsent(node.path("name").asText(), (n) -> new ArrayList<>()).add(file);
			}
			node.forEach((child) -> collectDefinitions(child, file, definitions));
		}
		else if (node.isArray()) {
			node.forEach((child) -> collectDefinitions(child, file, definitions));
		}
	}

	private static List<Schema.Field> allFields() {
		return namedSchemas.stream()
			.filter((schema) -> schema.getType() == Schema.Type.RECORD)
			.flatMap((schema) -> schema.getFields().stream())
			.toList();
	}

	private static Schema nonNull(Schema schema) {
		if (schema.getType() != Schema.Type.UNION) {
			return schema;
		}
		return schema.getTypes().stream().filter((t) -> t.getType() != Schema.Type.NULL).findFirst().orElseThrow();
	}

}
