package dev.dcf.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The test kit's rules: it knows none of the modules whose tests use it, since each of
 * them takes it in test scope (a dependency on one would be a cycle in the reactor).
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.testsupport");

	@Test
	void theKitKnowsNoneOfTheModulesThatUseIt() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler..", "dev.dcf.agent..", "dev.dcf.generator..", "dev.dcf.faults..",
					"dev.dcf.standalone.cli..")
			.because("every other module's tests use the kit, never the other way round")
			.check(this.classes);
	}

}
