package dev.dcf.schemes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The shared wire library's rules: the registry client and the sealing of secrets stand
 * alone; only the serializers meet Kafka; nothing here knows the services that use it.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.schemes");

	@Test
	void onlyTheSerializersUseKafka() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dcf.schemes.serde..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.kafka..")
			.check(this.classes);
	}

	@Test
	void theRegistryClientAndTheSealDoNotDependOnTheSerializers() {
		noClasses().that()
			.resideInAnyPackage("dev.dcf.schemes.registry..", "dev.dcf.schemes.seal..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dcf.schemes.serde..")
			.check(this.classes);
	}

	@Test
	void theLibraryKnowsNoneOfItsUsers() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler..", "dev.dcf.agent..", "dev.dcf.standalone..", "dev.dcf.generator..")
			.check(this.classes);
	}

	@Test
	void packagesHaveNoCycles() {
		slices().matching("dev.dcf.schemes.(*)..").should().beFreeOfCycles().check(this.classes);
	}

}
