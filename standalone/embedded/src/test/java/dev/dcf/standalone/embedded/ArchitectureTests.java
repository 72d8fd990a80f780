package dev.dcf.standalone.embedded;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The embedded infrastructure's rules: the broker and registry that {@code ./dcf} ships
 * carry no test code (the test kit is the module {@code test-support}, which depends on
 * this one), nor do they depend on the apps that use them.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.standalone");

	@Test
	void theShippedInfrastructureDoesNotUseTheTestKit() {
		noClasses().that()
			.resideInAPackage("dev.dcf.standalone.embedded..")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dcf.testsupport..")
			.check(this.classes);
	}

	@Test
	void theInfrastructureKnowsNoneOfTheApps() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler..", "dev.dcf.agent..")
			.because("the handler's and the agents' tests use this module, never the other way round")
			.check(this.classes);
	}

}
