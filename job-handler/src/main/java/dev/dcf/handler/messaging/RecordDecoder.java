package dev.dcf.handler.messaging;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.common.errors.SerializationException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.handler.peek.PeekedBytes;
import dev.dcf.handler.peek.PeekedBytes.Format;
import dev.dcf.schemes.registry.SchemaRegistryException;
import dev.dcf.schemes.serde.GenericAvroReader;

/**
 * Turns a record's bytes into text for people, trying in turn: Confluent-framed Avro
 * (through the schema registry, shown as JSON), JSON (pretty-printed), UTF-8 text without
 * control characters, and else hexadecimal. Every result is cut to {@code maxChars}. It
 * never fails: a registry that does not know the id, or cannot be reached, gives the hex
 * bytes with a note. A missing id is not asked again for {@link #MISSING_FOR}, an
 * unreachable registry not for {@link #UNREACHABLE_FOR}, so one page of records costs at
 * most one registry timeout. Bytes longer than {@link #MAX_STRUCTURED} are not parsed
 * (Avro, JSON) but shown as text or hex, so a peek of a hundred large records does not
 * build a hundred trees only to show 4 KB of each. Thread-safe.
 */
final class RecordDecoder {

	static final Duration MISSING_FOR = Duration.ofMinutes(1);

	static final Duration UNREACHABLE_FOR = Duration.ofSeconds(30);

	static final int MAX_STRUCTURED = 256 * 1024;

	private static final int MAX_MISSING = 1000;

	private static final JsonMapper json = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private final GenericAvroReader avro;

	private final int maxChars;

	private final Clock clock;

	private final Map<Integer, Instant> missingUntil = new ConcurrentHashMap<>();

	private volatile Instant unreachableUntil = Instant.MIN;

	RecordDecoder(GenericAvroReader avro, int maxChars, Clock clock) {
		this.avro = avro;
		this.maxChars = maxChars;
		this.clock = clock;
	}

	/** A key or value: Avro, JSON, text or hex. */
	PeekedBytes decode(byte[] data) {
		if (data == null) {
			return PeekedBytes.NONE;
		}
		OptionalInt id = GenericAvroReader.schemaId(data);
		String note = null;
		if (data.length > MAX_STRUCTURED) {
			PeekedBytes plain = plain(data, false);
			return new PeekedBytes(plain.format(), plain.text(), plain.truncated(),
					data.length + " bytes: too long to decode as Avro or JSON");
		}
		if (id.isPresent()) {
			AvroAttempt attempt = avro(data, id.getAsInt());
			if (attempt.decoded() != null) {
				return attempt.decoded();
			}
			note = attempt.note();
		}
		PeekedBytes plain = plain(data, true);
		if (note == null) {
			return plain;
		}
		return new PeekedBytes(plain.format(), plain.text(), plain.truncated(),
				(plain.note() != null) ? note + "; " + plain.note() : note);
	}

	/** A header: text or hex, never through the registry. */
	PeekedBytes decodeHeader(byte[] data) {
		return (data != null) ? plain(data, false) : PeekedBytes.NONE;
	}

	private AvroAttempt avro(byte[] data, int id) {
		Instant now = this.clock.instant();
		if (now.isBefore(this.unreachableUntil)) {
			return new AvroAttempt(null,
					"framed as Avro (schema id " + id + "), but the schema registry is unreachable");
		}
		Instant missing = this.missingUntil.get(id);
		if (missing != null && now.isBefore(missing)) {
			return new AvroAttempt(null, "framed as Avro, but the registry does not know schema id " + id);
		}
		Object datum;
		try {
			datum = this.avro.read(data);
		}
		catch (SchemaRegistryException ex) {
			if (ex.isNotFound()) {
				if (this.missingUntil.size() >= MAX_MISSING) {
					this.missingUntil.clear();
				}
				this.missingUntil.put(id, now.plus(MISSING_FOR));
				return new AvroAttempt(null, "framed as Avro, but the registry does not know schema id " + id);
			}
			this.unreachableUntil = now.plus(UNREACHABLE_FOR);
			return new AvroAttempt(null,
					"framed as Avro (schema id " + id + "), but the schema registry is unreachable");
		}
		catch (SerializationException ex) {
			return new AvroAttempt(null, "framed as Avro (schema id " + id + "), but not valid for that schema");
		}
		String text = GenericData.get().toString(datum);
		String schema = (datum instanceof GenericContainer container) ? " (" + container.getSchema().getFullName() + ")"
				: "";
		String pretty = prettyJson(text);
		return new AvroAttempt(cut(Format.AVRO, (pretty != null) ? pretty : text, "schema id " + id + schema), null);
	}

	private PeekedBytes plain(byte[] data, boolean tryJson) {
		String text = utf8(data);
		if (text != null) {
			if (tryJson && startsLikeJson(text)) {
				String pretty = prettyJson(text);
				if (pretty != null) {
					return cut(Format.JSON, pretty, null);
				}
			}
			if (isPrintable(text)) {
				return cut(Format.TEXT, text, null);
			}
		}
		return hex(data);
	}

	private PeekedBytes hex(byte[] data) {
		int shown = Math.min(data.length, Math.max(1, (this.maxChars + 1) / 3));
		StringBuilder hex = new StringBuilder(shown * 3);
		for (int i = 0; i < shown; i++) {
			if (i > 0) {
				hex.append(' ');
			}
			hex.append(Character.forDigit((data[i] >> 4) & 0xf, 16)).append(Character.forDigit(data[i] & 0xf, 16));
		}
		return new PeekedBytes(Format.BINARY, hex.toString(), shown < data.length,
				(shown < data.length) ? data.length + " bytes" : null);
	}

	private PeekedBytes cut(Format format, String text, String note) {
		if (text.length() <= this.maxChars) {
			return new PeekedBytes(format, text, false, note);
		}
		int end = this.maxChars;
		// never split a surrogate pair
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return new PeekedBytes(format, text.substring(0, end), true, note);
	}

	private static String utf8(byte[] data) {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(data))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

	private static boolean startsLikeJson(String text) {
		String trimmed = text.stripLeading();
		return trimmed.startsWith("{") || trimmed.startsWith("[");
	}

	/**
	 * @return the JSON pretty-printed, {@code null} if it is not JSON
	 */
	private static String prettyJson(String text) {
		try {
			JsonNode node = json.readTree(text);
			return json.writerWithDefaultPrettyPrinter().writeValueAsString(node);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static boolean isPrintable(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
				return false;
			}
		}
		return true;
	}

	private record AvroAttempt(PeekedBytes decoded, String note) {
	}

}
