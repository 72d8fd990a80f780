package dev.dcf.messaging;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The shared plumbing's rules: it knows none of the apps that use it, and it reaches the
 * wire contract only through its public parts (no generated Avro class: which records
 * travel is each app's business).
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.messaging");

	@Test
	void thePlumbingKnowsNoneOfItsUsers() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler..", "dev.dcf.agent..", "dev.dcf.standalone..", "dev.dcf.generator..")
			.check(this.classes);
	}

	@Test
	void noGeneratedRecordTypeIsNamedHere() {
		noClasses().should().dependOnClassesThat().resideInAPackage("dev.dcf.schemes.avro..").check(this.classes);
	}

}
