package dev.dcf.schemes;

import java.util.ServiceLoader;

import dev.dcf.schemes.avro.ContainerState;
import dev.dcf.schemes.avro.JobStatus;
import dev.dcf.schemes.avro.JobStatusKind;
import org.apache.avro.Conversion;
import org.apache.avro.util.ClassSecurityValidator;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AvroClassTrustTests {

	@Test
	void generatedRecordsBuildWithoutAnyConfiguration() {
		// filling the default of 'containers' makes Avro resolve ContainerInfo by name
		JobStatus status = JobStatus.newBuilder()
			.setAgentId("a")
			.setSequence(1)
			.setJobId("j")
			.setKind(JobStatusKind.STARTED)
			.setTimestamp(java.time.Instant.EPOCH)
			.build();

		assertThat(status.getContainers()).isEmpty();
		assertThat(AvroClassTrust.isTrusted(JobStatus.class)).isTrue();
		assertThat(AvroClassTrust.isTrusted(ContainerState.class)).isTrue();
	}

	@Test
	void hookIsRegisteredAsAnAvroConversionService() {
		assertThat(ServiceLoader.load(conversionType()).stream())
			.anySatisfy((provider) -> assertThat(provider.type()).isEqualTo(AvroClassTrustConversion.class));
	}

	/** The service type, as the generic class ServiceLoader needs. */
	@SuppressWarnings("unchecked")
	private static Class<Conversion<?>> conversionType() {
		return (Class<Conversion<?>>) (Class<?>) Conversion.class;
	}

	@Test
	void trustCoversOnlyGeneratedClassesOfDcf() {
		AvroClassTrust.install();

		assertThat(AvroClassTrust.isTrusted(DcfTopics.class)).as("DCF, not generated").isFalse();
		assertThat(AvroClassTrust.isTrusted(java.io.File.class)).isFalse();
		assertThat(AvroClassTrust.isTrusted(String.class)).as("Avro's own default").isTrue();
	}

	@Test
	void installIsIdempotent() {
		AvroClassTrust.install();
		ClassSecurityValidator.ClassSecurityPredicate installed = ClassSecurityValidator.getGlobal();

		AvroClassTrust.install();

		assertThat(ClassSecurityValidator.getGlobal()).isSameAs(installed);
	}

	@Test
	void installAgainAfterSomeoneReplacedThePredicate() {
		ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
		try {
			ClassSecurityValidator.setGlobal(ClassSecurityValidator.DEFAULT);
			assertThat(AvroClassTrust.isTrusted(JobStatus.class)).isFalse();

			AvroClassTrust.install();

			assertThat(AvroClassTrust.isTrusted(JobStatus.class)).isTrue();
		}
		finally {
			ClassSecurityValidator.setGlobal(before);
		}
	}

}
