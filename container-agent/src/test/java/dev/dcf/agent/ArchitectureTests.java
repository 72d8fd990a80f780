package dev.dcf.agent;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The agent's structure: Docker and Kafka/Avro stay at their edges, features do not
 * depend on each other in cycles.
 */
class ArchitectureTests {

	private static final JavaClasses AGENT = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.agent");

	@Test
	void onlyTheDockerAdapterUsesDockerJava() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dcf.agent.runtime.docker..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("com.github.dockerjava..")
			.check(AGENT);
	}

	@Test
	void onlyMessagingUsesKafkaAndTheWireRecords() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dcf.agent.messaging..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.schemes.avro..", "org.apache.kafka..", "org.apache.avro..",
					"org.springframework.kafka..")
			.check(AGENT);
	}

	@Test
	void featuresDoNotDependOnEachOtherInCycles() {
		slices().matching("dev.dcf.agent.(*)..").should().beFreeOfCycles().check(AGENT);
	}

	@Test
	void theRuntimePortDependsOnNoFeature() {
		noClasses().that()
			.resideInAPackage("dev.dcf.agent.runtime")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.agent.instruction..", "dev.dcf.agent.health..", "dev.dcf.agent.heartbeat..",
					"dev.dcf.agent.events..", "dev.dcf.agent.reconcile..", "dev.dcf.agent.messaging..",
					"dev.dcf.agent.report..", "dev.dcf.agent.config..")
			.check(AGENT);
	}

}
