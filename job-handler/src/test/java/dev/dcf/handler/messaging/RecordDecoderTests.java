package dev.dcf.handler.messaging;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.Test;

import dev.dcf.handler.peek.PeekedBytes;
import dev.dcf.handler.peek.PeekedBytes.Format;
import dev.dcf.schemes.registry.RegisteredSchema;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import dev.dcf.schemes.serde.GenericAvroReader;

import static org.assertj.core.api.Assertions.assertThat;

class RecordDecoderTests {

	static final Schema ORDER = SchemaBuilder.record("Order")
		.namespace("example")
		.fields()
		.requiredString("id")
		.requiredLong("amount")
		.endRecord();

	private final Registry registry = new Registry();

	private final RecordDecoder decoder = new RecordDecoder(new GenericAvroReader(this.registry), 64,
			Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));

	@Test
	void jsonIsPrettyPrinted() {
		PeekedBytes decoded = this.decoder.decode(utf8("{\"id\":\"a1\",\"items\":[1,2]}"));

		assertThat(decoded.format()).isEqualTo(Format.JSON);
		assertThat(decoded.text()).contains("\n").contains("\"id\" : \"a1\"");
		assertThat(decoded.truncated()).isFalse();
	}

	@Test
	void jsonKeepsItsNumbersExact() {
		assertThat(this.decoder.decode(utf8("[0.1000000000000000055511151231257827]")).text())
			.contains("0.1000000000000000055511151231257827");
	}

	@Test
	void plainTextStaysText() {
		PeekedBytes decoded = this.decoder.decode(utf8("hello <script>alert(1)</script>"));

		assertThat(decoded.format()).isEqualTo(Format.TEXT);
		assertThat(decoded.text()).isEqualTo("hello <script>alert(1)</script>");
	}

	@Test
	void brokenJsonIsText() {
		assertThat(this.decoder.decode(utf8("{not json")).format()).isEqualTo(Format.TEXT);
	}

	@Test
	void bytesWithControlCharactersAreHex() {
		PeekedBytes decoded = this.decoder.decode(new byte[] { 'a', 1, (byte) 0xff });

		assertThat(decoded.format()).isEqualTo(Format.BINARY);
		assertThat(decoded.text()).isEqualTo("61 01 ff");
	}

	@Test
	void longValuesAreCutAndFlagged() {
		PeekedBytes text = this.decoder.decode(utf8("x".repeat(100)));
		byte[] bytes = new byte[100];
		Arrays.fill(bytes, (byte) 0xfe);
		PeekedBytes hex = this.decoder.decode(bytes);

		assertThat(text.text()).hasSize(64);
		assertThat(text.truncated()).isTrue();
		assertThat(hex.text().length()).isLessThanOrEqualTo(64);
		assertThat(hex.truncated()).isTrue();
		assertThat(hex.note()).isEqualTo("100 bytes");
	}

	@Test
	void cuttingNeverSplitsASurrogatePair() {
		PeekedBytes decoded = this.decoder.decode(utf8("x".repeat(63) + "\uD83D\uDE00"));

		assertThat(decoded.text()).isEqualTo("x".repeat(63));
		assertThat(decoded.truncated()).isTrue();
	}

	@Test
	void framedAvroIsDecodedThroughTheRegistryAsJson() throws Exception {
		int id = this.registry.add(ORDER);
		GenericRecord order = new GenericData.Record(ORDER);
		order.put("id", "o-7");
		order.put("amount", 42L);

		PeekedBytes decoded = this.decoder.decode(framed(id, order));

		assertThat(decoded.format()).isEqualTo(Format.AVRO);
		assertThat(decoded.text()).contains("\"id\" : \"o-7\"").contains("\"amount\" : 42");
		assertThat(decoded.note()).isEqualTo("schema id " + id + " (example.Order)");
	}

	@Test
	void anUnknownSchemaIdIsShownAsHexWithANoteAndNotAskedAgain() {
		byte[] data = { 0, 0, 0, 0, 99, 6, 'a', 'b', 'c' };

		PeekedBytes first = this.decoder.decode(data);
		PeekedBytes second = this.decoder.decode(data);

		assertThat(first.format()).isEqualTo(Format.BINARY);
		assertThat(first.text()).startsWith("00 00 00 00 63");
		assertThat(this.decoder.decode(new byte[100]).note())
			.isEqualTo("framed as Avro, but the registry does not know schema id 0; 100 bytes");
		assertThat(first.note()).contains("does not know schema id 99");
		assertThat(second.note()).isEqualTo(first.note());
		assertThat(this.registry.lookups).hasValue(2);
	}

	@Test
	void anUnreachableRegistryGivesHexWithANote() {
		this.registry.unreachable = true;

		PeekedBytes decoded = this.decoder.decode(new byte[] { 0, 0, 0, 0, 1, 2 });

		assertThat(decoded.format()).isEqualTo(Format.BINARY);
		assertThat(decoded.note()).contains("registry is unreachable");
	}

	@Test
	void bytesNotValidForTheirSchemaAreHexWithANote() {
		int id = this.registry.add(ORDER);

		PeekedBytes decoded = this.decoder.decode(new byte[] { 0, 0, 0, 0, (byte) id, 2 });

		assertThat(decoded.format()).isEqualTo(Format.BINARY);
		assertThat(decoded.note()).contains("not valid for that schema");
	}

	@Test
	void hugeJsonIsShownAsTextWithoutParsing() {
		String json = "[" + "1,".repeat(RecordDecoder.MAX_STRUCTURED / 2) + "1]";

		PeekedBytes decoded = this.decoder.decode(utf8(json));

		assertThat(decoded.format()).isEqualTo(Format.TEXT);
		assertThat(decoded.text()).hasSize(64).startsWith("[1,1,");
		assertThat(decoded.note()).endsWith("too long to decode as Avro or JSON");
	}

	@Test
	void aNullValueIsNull() {
		assertThat(this.decoder.decode(null)).isEqualTo(PeekedBytes.NONE);
	}

	@Test
	void headersAreNeverAskedOfTheRegistry() {
		PeekedBytes decoded = this.decoder.decodeHeader(new byte[] { 0, 0, 0, 0, 1, 2 });

		assertThat(decoded.format()).isEqualTo(Format.BINARY);
		assertThat(this.registry.lookups).hasValue(0);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static byte[] framed(int id, GenericRecord record) throws Exception {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(new byte[] { 0, (byte) (id >>> 24), (byte) (id >>> 16), (byte) (id >>> 8), (byte) id });
		BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
		new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	/** Schemas by id, as the registry's {@code /schemas/ids/{id}} answers. */
	static final class Registry implements SchemaRegistryClient {

		final Map<Integer, Schema> schemas = new HashMap<>();

		final AtomicInteger lookups = new AtomicInteger();

		volatile boolean unreachable;

		int add(Schema schema) {
			int id = this.schemas.size() + 1;
			this.schemas.put(id, schema);
			return id;
		}

		@Override
		public Schema schemaById(int id) {
			this.lookups.incrementAndGet();
			if (this.unreachable) {
				throw new SchemaRegistryException(SchemaRegistryException.NO_HTTP_STATUS,
						SchemaRegistryException.NO_ERROR_CODE, "connection refused");
			}
			Schema schema = this.schemas.get(id);
			if (schema == null) {
				throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
			}
			return schema;
		}

		@Override
		public int register(String subject, Schema schema) {
			throw new UnsupportedOperationException();
		}

		@Override
		public int lookup(String subject, Schema schema) {
			throw new UnsupportedOperationException();
		}

		@Override
		public RegisteredSchema latest(String subject) {
			throw new UnsupportedOperationException();
		}

	}

}
