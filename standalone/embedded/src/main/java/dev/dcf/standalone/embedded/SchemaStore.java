package dev.dcf.standalone.embedded;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's state in memory: subjects with their versions, schemas by global id, and
 * compatibility levels. It is rebuilt from the {@code _schemas} topic on start and
 * changed only by {@link #add} and the level setters, after the change is stored in
 * Kafka.
 * <p>
 * Schemas are compared in their canonical form (Avro's {@code Schema.toString()}), so the
 * same schema written differently gets the same id. Ids are global: a schema registered
 * under a second subject keeps its id. Thread safe (every method locks the store).
 */
final class SchemaStore {

	private static final Logger log = LoggerFactory.getLogger(SchemaStore.class);

	/** A version of a subject. {@code schema} is the canonical schema text. */
	record SchemaVersion(String subject, int version, int id, String schema) {
	}

	/** The outcome of {@link #prepare}: a new version to store, or an existing one. */
	record Registration(SchemaVersion version, boolean isNew) {
	}

	static final int LATEST = -1;

	private final Map<String, List<SchemaVersion>> subjects = new TreeMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<String, Integer> idsByCanonical = new HashMap<>();

	private final Map<String, CompatibilityLevel> subjectLevels = new HashMap<>();

	private CompatibilityLevel globalLevel = CompatibilityLevel.BACKWARD;

	private int maxId;

	/**
	 * Parses a version path segment as Confluent does: a positive int or "latest" (also
	 * {@code -1}) for {@link #LATEST}.
	 * @throws RegistryException 42202 otherwise
	 */
	static int parseVersion(String version) {
		String trimmed = version.trim();
		if (trimmed.equalsIgnoreCase("latest")) {
			return LATEST;
		}
		int parsed;
		try {
			parsed = Integer.parseInt(trimmed);
		}
		catch (NumberFormatException ex) {
			throw RegistryException.invalidVersion(version);
		}
		if (parsed <= 0 && parsed != LATEST) {
			throw RegistryException.invalidVersion(version);
		}
		return parsed;
	}

	synchronized List<String> subjects() {
		return List.copyOf(this.subjects.keySet());
	}

	synchronized List<Integer> versions(String subject) {
		return versionsOf(subject).stream().map(SchemaVersion::version).toList();
	}

	synchronized SchemaVersion version(String subject, int version) {
		List<SchemaVersion> versions = versionsOf(subject);
		if (version == LATEST) {
			return versions.get(versions.size() - 1);
		}
		return versions.stream()
			.filter((v) -> v.version() == version)
			.findFirst()
			.orElseThrow(() -> RegistryException.versionNotFound(version));
	}

	synchronized String schema(int id) {
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw RegistryException.schemaNotFound(id);
		}
		return schema.toString();
	}

	/** The version of {@code subject} that holds {@code schema}. */
	synchronized SchemaVersion lookup(String subject, Schema schema) {
		String canonical = schema.toString();
		return versionsOf(subject).stream()
			.filter((v) -> v.schema().equals(canonical))
			.findFirst()
			.orElseThrow(RegistryException::schemaNotFound);
	}

	/**
	 * Checks {@code schema} against a version of {@code subject} ({@link #LATEST}:
	 * against the versions the subject's level looks at) with the subject's level.
	 * @return the incompatibilities; empty when compatible
	 */
	synchronized List<String> compatibilityProblems(String subject, int version, Schema schema) {
		List<Schema> previous = (version == LATEST) ? parsed(versionsOf(subject))
				: List.of(this.schemasById.get(version(subject, version).id()));
		return level(subject).check(schema, previous);
	}

	/**
	 * Decides what registering {@code schema} under {@code subject} means: the existing
	 * version if the subject has it already, else a new version (reusing the id of an
	 * equal schema of another subject, or the next id).
	 * @throws RegistryException 409 if the subject's level refuses the schema
	 */
	synchronized Registration prepare(String subject, Schema schema) {
		String canonical = schema.toString();
		List<SchemaVersion> versions = this.subjects.getOrDefault(subject, List.of());
		for (SchemaVersion existing : versions) {
			if (existing.schema().equals(canonical)) {
				return new Registration(existing, false);
			}
		}
		List<String> problems = level(subject).check(schema, parsed(versions));
		if (!problems.isEmpty()) {
			throw RegistryException.incompatible(subject, problems);
		}
		int id = this.idsByCanonical.getOrDefault(canonical, this.maxId + 1);
		int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
		return new Registration(new SchemaVersion(subject, version, id, canonical), true);
	}

	/**
	 * Adds a stored version (from the log on start, or after a write was acknowledged).
	 */
	synchronized void add(SchemaVersion version) {
		Schema schema;
		try {
			schema = new Schema.Parser().parse(version.schema());
		}
		catch (RuntimeException ex) {
			log.warn("Skipping unparsable schema id {} of subject '{}': {}", version.id(), version.subject(),
					ex.getMessage());
			return;
		}
		String canonical = schema.toString();
		Schema known = this.schemasById.get(version.id());
		if (known != null && !known.toString().equals(canonical)) {
			log.warn("Skipping subject '{}' version {}: id {} already belongs to another schema", version.subject(),
					version.version(), version.id());
			return;
		}
		List<SchemaVersion> versions = this.subjects.computeIfAbsent(version.subject(), (s) -> new ArrayList<>());
		versions.removeIf((v) -> v.version() == version.version());
		versions.add(new SchemaVersion(version.subject(), version.version(), version.id(), canonical));
		versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
		this.schemasById.putIfAbsent(version.id(), schema);
		this.idsByCanonical.putIfAbsent(canonical, version.id());
		this.maxId = Math.max(this.maxId, version.id());
	}

	synchronized CompatibilityLevel globalLevel() {
		return this.globalLevel;
	}

	synchronized void globalLevel(CompatibilityLevel level) {
		this.globalLevel = level;
	}

	synchronized Optional<CompatibilityLevel> subjectLevel(String subject) {
		return Optional.ofNullable(this.subjectLevels.get(subject));
	}

	/** Sets or (with null) clears the level of one subject. */
	synchronized void subjectLevel(String subject, CompatibilityLevel level) {
		if (level == null) {
			this.subjectLevels.remove(subject);
		}
		else {
			this.subjectLevels.put(subject, level);
		}
	}

	/** The level that applies to {@code subject}: its own, else the global one. */
	synchronized CompatibilityLevel level(String subject) {
		return this.subjectLevels.getOrDefault(subject, this.globalLevel);
	}

	private List<SchemaVersion> versionsOf(String subject) {
		List<SchemaVersion> versions = this.subjects.get(subject);
		if (versions == null || versions.isEmpty()) {
			throw RegistryException.subjectNotFound(subject);
		}
		return versions;
	}

	private List<Schema> parsed(List<SchemaVersion> versions) {
		return versions.stream().map((v) -> this.schemasById.get(v.id())).toList();
	}

}
