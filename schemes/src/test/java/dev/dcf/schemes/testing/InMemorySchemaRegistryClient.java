package dev.dcf.schemes.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.dcf.schemes.registry.RegisteredSchema;
import dev.dcf.schemes.registry.SchemaRegistryClient;
import dev.dcf.schemes.registry.SchemaRegistryException;
import org.apache.avro.Schema;

/**
 * A registry in memory with Confluent's semantics for ids (one id per distinct schema,
 * shared across subjects) and error codes; no compatibility checks. Counts calls.
 */
public class InMemorySchemaRegistryClient implements SchemaRegistryClient {

	public final AtomicInteger registerCalls = new AtomicInteger();

	public final AtomicInteger lookupCalls = new AtomicInteger();

	public final AtomicInteger schemaByIdCalls = new AtomicInteger();

	private final Map<String, List<Integer>> versionsBySubject = new HashMap<>();

	private final Map<Integer, Schema> schemasById = new HashMap<>();

	private final Map<Schema, Integer> idsBySchema = new HashMap<>();

	@Override
	public synchronized int register(String subject, Schema schema) {
		this.registerCalls.incrementAndGet();
		int id = this.idsBySchema.computeIfAbsent(schema, (s) -> {
			int next = this.schemasById.size() + 1;
			this.schemasById.put(next, s);
			return next;
		});
		List<Integer> versions = this.versionsBySubject.computeIfAbsent(subject, (s) -> new ArrayList<>());
		if (!versions.contains(id)) {
			versions.add(id);
		}
		return id;
	}

	@Override
	public synchronized int lookup(String subject, Schema schema) {
		this.lookupCalls.incrementAndGet();
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
					"Subject '" + subject + "' not found.");
		}
		Integer id = this.idsBySchema.get(schema);
		if (id == null || !versions.contains(id)) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND, "Schema not found");
		}
		return id;
	}

	@Override
	public synchronized Schema schemaById(int id) {
		this.schemaByIdCalls.incrementAndGet();
		Schema schema = this.schemasById.get(id);
		if (schema == null) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SCHEMA_NOT_FOUND,
					"Schema " + id + " not found");
		}
		return schema;
	}

	@Override
	public synchronized RegisteredSchema latest(String subject) {
		List<Integer> versions = this.versionsBySubject.get(subject);
		if (versions == null) {
			throw new SchemaRegistryException(404, SchemaRegistryException.SUBJECT_NOT_FOUND,
					"Subject '" + subject + "' not found.");
		}
		int id = versions.get(versions.size() - 1);
		return new RegisteredSchema(subject, versions.size(), id, this.schemasById.get(id));
	}

}
