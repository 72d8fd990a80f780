package dev.dcf.generator.engine.avro;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.dcf.generator.engine.GeneratedRecord;
import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;
import dev.dcf.generator.engine.SpecException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class AvroSchemaSpecTests {

	private static final GeneratorContext ONE = new GeneratorContext(42, 0, 1);

	/** A record with one field {@code f} of the given type JSON. */
	static String field(String type) {
		return "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":" + type + "}]}";
	}

	static List<Object> values(String type, int count) {
		AvroSchemaSpec spec = AvroSchemaSpec.parse(field(type), null);
		RecordGenerator generator = spec.generator(ONE);
		List<Object> values = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			GenericRecord record = (GenericRecord) generator.next().value();
			assertThat(GenericData.get().validate(spec.valueSchema(), record)).as(String.valueOf(record)).isTrue();
			values.add(record.get("f"));
		}
		return values;
	}

	static SpecException error(String schema) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(SpecException.class,
				() -> AvroSchemaSpec.parse(schema, null));
	}

	@Test
	void rangeKeepsIntsLongsAndDoublesFromMinInclusiveToMaxExclusive() {
		assertThat(values("{\"type\":\"int\",\"arg.properties\":{\"range\":{\"min\":5,\"max\":8}}}", 300))
			.allSatisfy((v) -> assertThat((Integer) v).isBetween(5, 7))
			.contains(5, 6, 7);
		assertThat(values("{\"type\":\"long\",\"arg.properties\":{\"range\":{\"min\":-3,\"max\":0}}}", 300))
			.allSatisfy((v) -> assertThat((Long) v).isBetween(-3L, -1L))
			.contains(-3L, -1L);
		assertThat(values("{\"type\":\"double\",\"arg.properties\":{\"range\":{\"min\":0.1,\"max\":0.2}}}", 300))
			.allSatisfy((v) -> assertThat((Double) v).isGreaterThanOrEqualTo(0.1).isLessThan(0.2));
		assertThat(values("{\"type\":\"float\",\"arg.properties\":{\"range\":{\"min\":-1}}}", 300))
			.allSatisfy((v) -> assertThat((Float) v).isGreaterThanOrEqualTo(-1f).isFinite());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', value = {
			"{\"type\":\"int\",\"arg.properties\":{\"range\":{\"min\":5,\"max\":5}}}|'min' (5) must be less than 'max' (5)",
			"{\"type\":\"int\",\"arg.properties\":{\"range\":{}}}|needs 'min' or 'max'",
			"{\"type\":\"int\",\"arg.properties\":{\"range\":{\"min\":1.5}}}|'min' must be a whole number",
			"{\"type\":\"int\",\"arg.properties\":{\"range\":{\"max\":3000000000}}}|out of range",
			"{\"type\":\"long\",\"arg.properties\":{\"range\":{\"low\":1}}}|has no field 'low'",
			"{\"type\":\"double\",\"arg.properties\":{\"range\":{\"min\":\"a\"}}}|'min' must be a number",
			"{\"type\":\"double\",\"arg.properties\":{\"range\":7}}|must be an object",
			"{\"type\":\"string\",\"arg.properties\":{\"range\":{\"min\":1}}}|'range' does not apply to string" })
	void badRangesNameTheFieldAndTheHint(String type, String message) {
		SpecException error = error(field(type));
		assertThat(error.field()).isEqualTo("$.fields.f");
		assertThat(error.getMessage()).contains("hint 'range'").contains(message);
	}

	@Test
	void lengthSetsStringBytesArrayAndMapSizes() {
		assertThat(values("{\"type\":\"string\",\"arg.properties\":{\"length\":4}}", 50))
			.allSatisfy((v) -> assertThat((String) v).hasSize(4));
		assertThat(values("{\"type\":\"string\",\"arg.properties\":{\"length\":{\"min\":2,\"max\":4}}}", 100))
			.allSatisfy((v) -> assertThat((String) v).hasSizeBetween(2, 3));
		assertThat(values("{\"type\":\"bytes\",\"arg.properties\":{\"length\":3}}", 20))
			.allSatisfy((v) -> assertThat(((ByteBuffer) v).remaining()).isEqualTo(3));
		assertThat(values(
				"{\"type\":\"array\",\"items\":\"int\",\"arg.properties\":{\"length\":{\"min\":1,\"max\":3}}}", 50))
			.allSatisfy((v) -> assertThat((List<?>) v).hasSizeBetween(1, 2));
		assertThat(values("{\"type\":\"map\",\"values\":\"int\",\"arg.properties\":{\"length\":2}}", 50))
			.allSatisfy((v) -> assertThat((Map<?, ?>) v).hasSize(2));
		assertThat(values("\"string\"", 50)).allSatisfy((v) -> assertThat((String) v).hasSizeBetween(8, 15));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~',
			value = { "-1|must be a whole number from 0", "2.5|must be a whole number from 0",
					"{\"min\":4,\"max\":4}|'max' (4) must be greater than 'min' (4)", "{}|needs 'min' or 'max'",
					"{\"min\":-1}|out of range", "\"long\"|must be an object" })
	void badLengthsNameTheFieldAndTheHint(String length, String message) {
		SpecException error = error(field("{\"type\":\"string\",\"arg.properties\":{\"length\":" + length + "}}"));
		assertThat(error.field()).isEqualTo("$.fields.f");
		assertThat(error.getMessage()).contains("hint 'length'").contains(message);
	}

	@Test
	void regexPrefixAndSuffixShapeStrings() {
		Pattern pattern = Pattern.compile("id-Item_[1-9][0-9]{0,2}!");
		assertThat(values(
				"{\"type\":\"string\",\"arg.properties\":{\"regex\":\"Item_[1-9][0-9]{0,2}\",\"prefix\":\"id-\",\"suffix\":\"!\"}}",
				200))
			.allSatisfy((v) -> assertThat(pattern.matcher((String) v).matches()).as((String) v).isTrue());
		assertThat(values(
				"{\"type\":\"string\",\"arg.properties\":{\"regex\":\"[a-z]*\",\"length\":{\"min\":3,\"max\":6}}}",
				100))
			.allSatisfy((v) -> assertThat((String) v).matches("[a-z]{3,5}"));
	}

	@Test
	void aBadRegexNamesThePatternAndThePosition() {
		SpecException error = error(field("{\"type\":\"string\",\"arg.properties\":{\"regex\":\"User_[1-9\"}}"));
		assertThat(error.field()).isEqualTo("$.fields.f");
		assertThat(error.getMessage()).contains("hint 'regex'").contains("missing ']'").contains("/User_[1-9/");
		assertThat(error(field("{\"type\":\"string\",\"arg.properties\":{\"regex\":5}}")).getMessage())
			.contains("hint 'regex' must be a string");
		assertThat(error(field("{\"type\":\"string\",\"arg.properties\":{\"prefix\":[]}}")).getMessage())
			.contains("hint 'prefix' must be a string");
	}

	@Test
	void optionsAreConvertedToTheSchemasTypes() {
		assertThat(new HashSet<>(values("{\"type\":\"string\",\"arg.properties\":{\"options\":[\"a\",\"b\"]}}", 100)))
			.containsExactlyInAnyOrder("a", "b");
		assertThat(new HashSet<>(values("{\"type\":\"long\",\"arg.properties\":{\"options\":[1,2]}}", 100)))
			.containsExactlyInAnyOrder(1L, 2L);
		assertThat(values("{\"type\":\"float\",\"arg.properties\":{\"options\":[1.5]}}", 3)).containsOnly(1.5f);
		assertThat(values(
				"{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"X\",\"Y\",\"Z\"],\"arg.properties\":{\"options\":[\"Z\"]}}",
				5))
			.allSatisfy((v) -> assertThat(v).hasToString("Z"));
		assertThat(
				values("{\"type\":\"array\",\"items\":\"string\",\"arg.properties\":{\"options\":[[\"a\",\"b\"]]}}", 3))
			.allSatisfy((v) -> assertThat(v).hasToString("[a, b]"));
		assertThat(values("[\"null\",{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
				+ "{\"name\":\"y\",\"type\":\"int\",\"default\":7}]}]", 1))
			.hasSize(1);
		assertThat(values("{\"type\":\"record\",\"name\":\"P\",\"fields\":[{\"name\":\"x\",\"type\":\"int\"},"
				+ "{\"name\":\"y\",\"type\":\"int\",\"default\":7}],\"arg.properties\":{\"options\":[{\"x\":1}]}}", 2))
			.allSatisfy((v) -> assertThat(v).hasToString("{\"x\": 1, \"y\": 7}"));
		assertThat(values("{\"type\":\"bytes\",\"arg.properties\":{\"options\":[\"ab\"]}}", 2))
			.allSatisfy((v) -> assertThat(((ByteBuffer) v).remaining()).isEqualTo(2));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', value = {
			"{\"type\":\"int\",\"arg.properties\":{\"options\":[1,\"two\"]}}|option 1",
			"{\"type\":\"int\",\"arg.properties\":{\"options\":[]}}|must be a non-empty array",
			"{\"type\":\"string\",\"arg.properties\":{\"options\":{\"file\":\"x.json\",\"encoding\":\"json\"}}}|not supported",
			"{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"X\"],\"arg.properties\":{\"options\":[\"Q\"]}}|option 0",
			"{\"type\":\"string\",\"arg.properties\":{\"options\":[\"a\"],\"regex\":\"a\"}}|cannot be given together with 'regex'",
			"{\"type\":\"int\",\"arg.properties\":{\"options\":[3000000000]}}|option 0" })
	void badOptionsNameTheFieldAndTheHint(String type, String message) {
		SpecException error = error(field(type));
		assertThat(error.field()).isEqualTo("$.fields.f");
		assertThat(error.getMessage()).contains("hint 'options'").contains(message);
	}

	@Test
	void iterationCountsFromStartByStepAndRestarts() {
		assertThat(values("{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":0}}}", 4)).containsExactly(0,
				1, 2, 3);
		assertThat(values("{\"type\":\"long\",\"arg.properties\":{\"iteration\":{\"start\":1,\"step\":10}}}", 3))
			.containsExactly(1L, 11L, 21L);
		assertThat(values("{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"restart\":4}}}", 7))
			.containsExactly(1, 2, 3, 1, 2, 3, 1);
		assertThat(values(
				"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":10,\"restart\":0,\"step\":-5,\"initial\":5}}}",
				4))
			.containsExactly(5, 10, 5, 10);
		assertThat(values("{\"type\":\"double\",\"arg.properties\":{\"iteration\":{\"start\":0.5,\"step\":0.25}}}", 3))
			.containsExactly(0.5, 0.75, 1.0);
		assertThat(values(
				"{\"type\":\"float\",\"arg.properties\":{\"iteration\":{\"start\":0,\"restart\":1,\"step\":0.5}}}", 4))
			.containsExactly(0f, 0.5f, 0f, 0.5f);
		assertThat(values("{\"type\":\"long\",\"arg.properties\":{\"iteration\":{\"start\":0,\"restart\":-3}}}", 4))
			.containsExactly(0L, -1L, -2L, 0L);
		assertThat(values("{\"type\":\"boolean\",\"arg.properties\":{\"iteration\":{\"start\":true}}}", 3))
			.containsExactly(true, false, true);
		assertThat(
				values("{\"type\":\"string\",\"arg.properties\":{\"iteration\":{\"start\":7},\"prefix\":\"o-\"}}", 2))
			.containsExactly("o-7", "o-8");
	}

	@Test
	void iterationTakesEachContainersOwnPartOfTheJobsSequence() {
		AvroSchemaSpec spec = AvroSchemaSpec
			.parse(field("{\"type\":\"long\",\"arg.properties\":{\"iteration\":{\"start\":100,\"step\":2}}}"), null);
		Set<Object> all = new HashSet<>();
		for (int c = 0; c < 3; c++) {
			RecordGenerator generator = spec.generator(new GeneratorContext(1, c, 3));
			for (int i = 0; i < 100; i++) {
				assertThat(all.add(((GenericRecord) generator.next().value()).get("f"))).isTrue();
			}
		}
		assertThat(all).hasSize(300).contains(100L, 102L, 698L);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '~', value = {
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{}}}|needs 'start'",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"restart\":1}}}|must differ from 'start'",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"restart\":5,\"step\":-1}}}|towards 'restart'",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"step\":0}}}|must not be 0",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"restart\":5,\"initial\":9}}}|'initial' (9)",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1,\"every\":2}}}|has no field 'every'",
			"{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":1},\"range\":{\"min\":1}}}|together with 'range'",
			"{\"type\":\"boolean\",\"arg.properties\":{\"iteration\":{\"start\":1}}}|true or false",
			"{\"type\":\"double\",\"arg.properties\":{\"iteration\":{\"start\":0,\"restart\":1,\"step\":-0.5}}}|towards 'restart'",
			"{\"type\":\"bytes\",\"arg.properties\":{\"iteration\":{\"start\":1}}}|does not apply to bytes" })
	void badIterationsNameTheFieldAndTheHint(String type, String message) {
		SpecException error = error(field(type));
		assertThat(error.field()).isEqualTo("$.fields.f");
		assertThat(error.getMessage()).contains("hint 'iteration'").contains(message);
	}

	@Test
	void oddsSetTheShareOfTrue() {
		long trues = values("{\"type\":\"boolean\",\"arg.properties\":{\"odds\":0.9}}", 1000).stream()
			.filter(Boolean.TRUE::equals)
			.count();
		assertThat(trues).isBetween(850L, 950L);
		assertThat(values("{\"type\":\"boolean\",\"arg.properties\":{\"odds\":0}}", 50)).containsOnly(false);
		assertThat(error(field("{\"type\":\"boolean\",\"arg.properties\":{\"odds\":1.5}}")).getMessage())
			.contains("hint 'odds' must be a number from 0 to 1");
	}

	@Test
	void keysShapeMapKeys() {
		assertThat(values("{\"type\":\"map\",\"values\":\"int\",\"arg.properties\":{\"length\":3,"
				+ "\"keys\":{\"regex\":\"k[0-9]{3}\"}}}", 50))
			.allSatisfy((v) -> assertThat(((Map<?, ?>) v).keySet())
				.allSatisfy((k) -> assertThat((String) k).matches("k[0-9]{3}")));
		assertThat(values(
				"{\"type\":\"map\",\"values\":\"int\",\"arg.properties\":{\"keys\":{\"options\":[\"a\",\"b\"]}}}", 20))
			.allSatisfy((v) -> assertThat(((Map<?, ?>) v).keySet()).allSatisfy((k) -> assertThat(k).isIn("a", "b")));
		SpecException error = error(
				field("{\"type\":\"map\",\"values\":\"int\",\"arg.properties\":{\"keys\":{\"range\":{}}}}"));
		assertThat(error.field()).isEqualTo("$.fields.f.keys");
		assertThat(error.getMessage()).contains("hint 'range' does not apply to string");
		assertThat(error(field("{\"type\":\"map\",\"values\":\"int\",\"arg.properties\":{\"keys\":3}}")).getMessage())
			.contains("hint 'keys' must be an object");
	}

	@Test
	void anUnknownHintIsNamedWithItsPath() {
		String schema = "{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"address\",\"type\":{\"type\":\"record\","
				+ "\"name\":\"a\",\"fields\":[{\"name\":\"city\",\"type\":{\"type\":\"string\",\"arg.properties\":{\"regexp\":\"x\"}}}]}}]}";
		SpecException error = error(schema);
		assertThat(error.field()).isEqualTo("$.fields.address.fields.city");
		assertThat(error.getMessage()).contains("unknown hint 'regexp'");
		assertThat(error(field("{\"type\":\"array\",\"items\":{\"type\":\"int\",\"arg.properties\":{\"size\":1}}}"))
			.field()).isEqualTo("$.fields.f.items");
		assertThat(error(field("[\"null\",{\"type\":\"int\",\"arg.properties\":[]}]")).field())
			.isEqualTo("$.fields.f[1]");
	}

	@Test
	void aSchemaThatDoesNotParseIsASpecErrorWithItsPosition() {
		SpecException notJson = error("{\"type\":\"record\",\n \"name\": }");
		assertThat(notJson.field()).isEqualTo(AvroSchemaSpec.SCHEMA_FIELD);
		assertThat(notJson.line()).isEqualTo(2);
		assertThat(notJson.column()).isPositive();
		assertThat(notJson.getMessage()).startsWith("not JSON");
		SpecException notAvro = error(
				"{\"type\":\"record\",\"name\":\"r\",\"fields\":[{\"name\":\"f\",\"type\":\"integer\"}]}");
		assertThat(notAvro.field()).isEqualTo(AvroSchemaSpec.SCHEMA_FIELD);
		assertThat(notAvro.getMessage()).contains("not a valid Avro schema").contains("integer");
		assertThat(error("   ").getMessage()).contains("empty");
		assertThat(error("{\"type\":\"string\"} {}").getMessage()).contains("after the schema");
	}

	@Test
	void commentsAsInDatagensSchemasAreAllowed() {
		AvroSchemaSpec spec = AvroSchemaSpec.parse("{\"type\":\"record\",\"name\":\"r\",\"fields\":[\n"
				+ "// a comment\n{\"name\":\"f\",\"type\":\"int\", \"session\":\"true\"}]}", null);
		assertThat(spec.valueSchema().getField("f")).isNotNull();
	}

	@Test
	void theKeyIsTheKeyFieldsValueAsAString() {
		AvroSchemaSpec spec = AvroSchemaSpec
			.parse(field("{\"type\":\"int\",\"arg.properties\":{\"iteration\":{\"start\":5}}}"), "f");
		GeneratedRecord record = spec.generator(new GeneratorContext(1, 1, 2)).next();
		assertThat(record.key()).isEqualTo("6");
		assertThat(spec.keyField()).isEqualTo("f");
		assertThat(record.sequence()).isEqualTo(1);
		assertThat(AvroSchemaSpec.parse(field("\"int\""), null).generator(ONE).next().key()).isNull();
		SpecException error = catchKeyError(field("\"int\""), "g");
		assertThat(error.field()).isEqualTo(AvroSchemaSpec.KEY_FIELD);
		assertThat(error.getMessage()).contains("'g' is not a field").contains("fields: f");
	}

	private static SpecException catchKeyError(String schema, String key) {
		return org.assertj.core.api.Assertions.catchThrowableOfType(SpecException.class,
				() -> AvroSchemaSpec.parse(schema, key));
	}

	@Test
	void unhintedTypesGetSensibleValues() {
		String schema = "{\"type\":\"record\",\"name\":\"all\",\"fields\":["
				+ "{\"name\":\"n\",\"type\":\"null\"},{\"name\":\"b\",\"type\":\"boolean\"},{\"name\":\"i\",\"type\":\"int\"},"
				+ "{\"name\":\"l\",\"type\":\"long\"},{\"name\":\"fl\",\"type\":\"float\"},{\"name\":\"d\",\"type\":\"double\"},"
				+ "{\"name\":\"by\",\"type\":\"bytes\"},{\"name\":\"s\",\"type\":\"string\"},"
				+ "{\"name\":\"e\",\"type\":{\"type\":\"enum\",\"name\":\"E\",\"symbols\":[\"A\",\"B\"]}},"
				+ "{\"name\":\"fx\",\"type\":{\"type\":\"fixed\",\"name\":\"F\",\"size\":5}},"
				+ "{\"name\":\"a\",\"type\":{\"type\":\"array\",\"items\":\"E\"}},"
				+ "{\"name\":\"m\",\"type\":{\"type\":\"map\",\"values\":[\"null\",\"long\"]}},"
				+ "{\"name\":\"u\",\"type\":[\"null\",\"string\",\"F\"]},"
				+ "{\"name\":\"ts\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-millis\"}},"
				+ "{\"name\":\"tsu\",\"type\":{\"type\":\"long\",\"logicalType\":\"timestamp-micros\"}},"
				+ "{\"name\":\"dt\",\"type\":{\"type\":\"int\",\"logicalType\":\"date\"}},"
				+ "{\"name\":\"tm\",\"type\":{\"type\":\"int\",\"logicalType\":\"time-millis\"}},"
				+ "{\"name\":\"id\",\"type\":{\"type\":\"string\",\"logicalType\":\"uuid\"}},"
				+ "{\"name\":\"dec\",\"type\":{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":9,\"scale\":2}},"
				+ "{\"name\":\"decf\",\"type\":{\"type\":\"fixed\",\"name\":\"D\",\"size\":16,\"logicalType\":\"decimal\",\"precision\":30,\"scale\":4}}"
				+ "]}";
		AvroSchemaSpec spec = AvroSchemaSpec.parse(schema, null);
		RecordGenerator generator = spec.generator(ONE);
		Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
		Schema decimalSchema = spec.valueSchema().getField("dec").schema();
		Schema fixedDecimalSchema = spec.valueSchema().getField("decf").schema();
		for (int i = 0; i < 200; i++) {
			GenericRecord record = (GenericRecord) generator.next().value();
			assertThat(GenericData.get().validate(spec.valueSchema(), record)).as(String.valueOf(record)).isTrue();
			assertThat((Long) record.get("ts")).isBetween(NodeCompiler.TIME_FROM_MILLIS, NodeCompiler.TIME_TO_MILLIS);
			assertThat((Long) record.get("tsu")).isBetween(NodeCompiler.TIME_FROM_MILLIS * 1000,
					NodeCompiler.TIME_TO_MILLIS * 1000);
			assertThat((Integer) record.get("tm")).isBetween(0, 86_399_999);
			assertThat(UUID.fromString((String) record.get("id")).version()).isEqualTo(4);
			assertThat(decimals.fromBytes((ByteBuffer) record.get("dec"), decimalSchema, LogicalTypes.decimal(9, 2))
				.precision()).isLessThanOrEqualTo(9);
			assertThat(decimals
				.fromFixed((GenericData.Fixed) record.get("decf"), fixedDecimalSchema, LogicalTypes.decimal(30, 4))
				.precision()).isLessThanOrEqualTo(30);
			assertThat((String) record.get("s")).matches("[A-Za-z0-9]{8,15}");
		}
	}

	@Test
	void rangeBoundsDecimalsAsInDatagensPurchaseSchema() {
		Schema schema = new Schema.Parser()
			.parse("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2}");
		Conversions.DecimalConversion decimals = new Conversions.DecimalConversion();
		assertThat(values("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2,"
				+ "\"arg.properties\":{\"range\":{\"min\":10.00,\"max\":50.00}}}", 200))
			.allSatisfy((v) -> assertThat(decimals.fromBytes((ByteBuffer) v, schema, LogicalTypes.decimal(4, 2)))
				.isBetween(new java.math.BigDecimal("10.00"), new java.math.BigDecimal("49.99")));
		assertThat(error(field("{\"type\":\"bytes\",\"logicalType\":\"decimal\",\"precision\":4,\"scale\":2,"
				+ "\"arg.properties\":{\"range\":{\"min\":10,\"max\":500}}}"))
			.getMessage()).contains("hint 'range' does not fit decimal(4, 2)");
	}

	@Test
	void aRecursiveSchemaCompiles() {
		String schema = "{\"type\":\"record\",\"name\":\"Node\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"},"
				+ "{\"name\":\"next\",\"type\":[\"null\",\"Node\"]}]}";
		AvroSchemaSpec spec = AvroSchemaSpec.parse(schema, "v");
		RecordGenerator generator = spec.generator(ONE);
		for (int i = 0; i < 50; i++) {
			assertThat(GenericData.get().validate(spec.valueSchema(), generator.next().value())).isTrue();
		}
	}

	@Test
	void aRecursiveTreeStaysSmall() {
		String schema = "{\"type\":\"record\",\"name\":\"Tree\",\"fields\":[{\"name\":\"v\",\"type\":\"int\"},"
				+ "{\"name\":\"children\",\"type\":{\"type\":\"array\",\"items\":\"Tree\"}},"
				+ "{\"name\":\"byName\",\"type\":{\"type\":\"map\",\"values\":[\"Tree\",\"null\"]}}]}";
		AvroSchemaSpec spec = AvroSchemaSpec.parse(schema, null);
		RecordGenerator generator = spec.generator(ONE);
		for (int i = 0; i < 3; i++) {
			Object tree = generator.next().value();
			assertThat(GenericData.get().validate(spec.valueSchema(), tree)).isTrue();
			assertThat(depth(tree)).isLessThanOrEqualTo(Run.SOFT_DEPTH);
		}
	}

	private static int depth(Object tree) {
		if (!(tree instanceof GenericRecord record)) {
			return 0;
		}
		int deepest = 0;
		for (Object child : (List<?>) record.get("children")) {
			deepest = Math.max(deepest, depth(child));
		}
		for (Object child : ((Map<?, ?>) record.get("byName")).values()) {
			deepest = Math.max(deepest, depth(child));
		}
		return 1 + deepest;
	}

	@Test
	void aRecordThatContainsItselfWithoutEndIsASpecError() {
		AvroSchemaSpec spec = AvroSchemaSpec
			.parse("{\"type\":\"record\",\"name\":\"Loop\",\"fields\":[{\"name\":\"self\",\"type\":\"Loop\"}]}", null);
		assertThatExceptionOfType(SpecException.class).isThrownBy(() -> spec.generator(ONE).next())
			.withMessageContaining("'Loop' contains itself without end");
	}

	@Test
	void hintsOnTheFieldApplyWhenTheTypeHasNone() {
		assertThat(values("\"int\",\"arg.properties\":{\"range\":{\"min\":1,\"max\":2}}", 20)).containsOnly(1);
	}

}
