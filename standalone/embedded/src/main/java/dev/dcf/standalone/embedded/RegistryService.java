package dev.dcf.standalone.embedded;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.apache.avro.Schema;

import dev.dcf.standalone.embedded.SchemaStore.Registration;
import dev.dcf.standalone.embedded.SchemaStore.SchemaVersion;

/**
 * The registry's operations, independent of HTTP. Reads go to the in-memory store; writes
 * are serialized, stored in Kafka first and applied to the store only once Kafka
 * acknowledged them, so an answered write survives a restart. Thread safe.
 */
final class RegistryService {

	private final SchemaStore store;

	private final SchemaLog schemaLog;

	private final Object writeLock = new Object();

	RegistryService(SchemaStore store, SchemaLog schemaLog) {
		this.store = store;
		this.schemaLog = schemaLog;
	}

	/**
	 * Parses an Avro schema from a request.
	 * @throws RegistryException 42201 if it is missing, not Avro, or not a valid schema
	 */
	static Schema parse(String schemaText, String schemaType, boolean hasReferences) {
		if (schemaType != null && !schemaType.equalsIgnoreCase("AVRO")) {
			throw RegistryException.invalidSchema("Invalid schema type " + schemaType + ": only AVRO is supported",
					null);
		}
		if (hasReferences) {
			throw RegistryException.invalidSchema("Schema references are not supported", null);
		}
		if (schemaText == null || schemaText.isBlank()) {
			throw RegistryException.invalidSchema("Empty schema", null);
		}
		try {
			return new Schema.Parser().parse(schemaText);
		}
		catch (RuntimeException ex) {
			throw RegistryException.invalidSchema("Invalid schema " + schemaText + ", details: " + ex.getMessage(), ex);
		}
	}

	/**
	 * Registers (or finds) {@code schema} under {@code subject}; returns its global id.
	 */
	int register(String subject, Schema schema) {
		synchronized (this.writeLock) {
			Registration registration = this.store.prepare(subject, schema);
			if (registration.isNew()) {
				this.schemaLog.append(registration.version());
				this.store.add(registration.version());
			}
			return registration.version().id();
		}
	}

	SchemaVersion lookup(String subject, Schema schema) {
		return this.store.lookup(subject, schema);
	}

	String schemaById(int id) {
		return this.store.schema(id);
	}

	List<String> subjects() {
		return this.store.subjects();
	}

	List<Integer> versions(String subject) {
		return this.store.versions(subject);
	}

	SchemaVersion version(String subject, String version) {
		int parsed = SchemaStore.parseVersion(version);
		return this.store.version(subject, parsed);
	}

	/**
	 * Incompatibilities of a schema with a version of {@code subject}; empty if none.
	 * Checks in Confluent's order: subject (40401), version (42202, 40402), then the
	 * schema (42201).
	 */
	List<String> compatibilityProblems(String subject, String version, Supplier<Schema> schema) {
		this.store.versions(subject);
		int parsed = SchemaStore.parseVersion(version);
		if (parsed != SchemaStore.LATEST) {
			this.store.version(subject, parsed);
		}
		return this.store.compatibilityProblems(subject, parsed, schema.get());
	}

	CompatibilityLevel globalLevel() {
		return this.store.globalLevel();
	}

	Optional<CompatibilityLevel> subjectLevel(String subject) {
		return this.store.subjectLevel(subject);
	}

	CompatibilityLevel setGlobalLevel(String level) {
		CompatibilityLevel parsed = CompatibilityLevel.parse(level)
			.orElseThrow(RegistryException::invalidCompatibilityLevel);
		synchronized (this.writeLock) {
			this.schemaLog.appendConfig(null, parsed);
			this.store.globalLevel(parsed);
		}
		return parsed;
	}

	CompatibilityLevel setSubjectLevel(String subject, String level) {
		CompatibilityLevel parsed = CompatibilityLevel.parse(level)
			.orElseThrow(RegistryException::invalidCompatibilityLevel);
		synchronized (this.writeLock) {
			this.schemaLog.appendConfig(subject, parsed);
			this.store.subjectLevel(subject, parsed);
		}
		return parsed;
	}

}
