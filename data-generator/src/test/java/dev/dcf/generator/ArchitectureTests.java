package dev.dcf.generator;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The sample generator's rules: Kafka behind its one sink, and nothing of DCF's services
 * (a generator knows only the generator contract: its environment and its topic).
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.generator");

	@Test
	void onlyTheSinkUsesKafka() {
		noClasses().that()
			.doNotHaveSimpleName("KafkaSink")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.kafka..")
			.because("the rate loop and the readings are tested without a broker, through RecordSink")
			.check(this.classes);
	}

	@Test
	void aGeneratorKnowsNoneOfDcfsServices() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler..", "dev.dcf.agent..", "dev.dcf.standalone..")
			.because("a generator's only contract with DCF is its environment (docs/writing-a-generator.md)")
			.check(this.classes);
	}

}
