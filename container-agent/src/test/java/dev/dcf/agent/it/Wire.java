package dev.dcf.agent.it;

import org.apache.avro.specific.SpecificRecord;

import dev.dcf.schemes.registry.HttpSchemaRegistryClient;
import dev.dcf.schemes.registry.RegistryClientConfig;
import dev.dcf.schemes.serde.AvroDeserializer;
import dev.dcf.testsupport.SharedInfrastructure;

/** Readers of the agent's reports, as the handler would read them. */
public final class Wire {

	private Wire() {
	}

	public static <T extends SpecificRecord> Collector<T> collect(String topic, Class<T> type) {
		return new Collector<>(topic, new AvroDeserializer<>(
				new HttpSchemaRegistryClient(RegistryClientConfig.of(SharedInfrastructure.get().registryUrl())), type));
	}

	/** From another broker than the shared one, with the shared registry. */
	public static <T extends SpecificRecord> Collector<T> collect(String topic, Class<T> type,
			String bootstrapServers) {
		return new Collector<>(topic,
				new AvroDeserializer<>(
						new HttpSchemaRegistryClient(RegistryClientConfig.of(SharedInfrastructure.get().registryUrl())),
						type),
				bootstrapServers);
	}

}
