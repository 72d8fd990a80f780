package dev.dcf.standalone;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The launcher's rules: the command line is a REST client of a running DCF and starts
 * nothing of it (no Spring, no Kafka, none of the apps), and only the entry point chooses
 * between the two.
 */
class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.standalone");

	@Test
	void theCommandLineIsOnlyARestClient() {
		noClasses().that()
			.resideInAPackage("dev.dcf.standalone.cli..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "dev.dcf.handler..", "dev.dcf.agent..",
					"dev.dcf.schemes..", "dev.dcf.standalone.embedded..")
			.because("./dcf COMMAND starts in well under a second and talks to DCF over its API (docs/cli.md)")
			.check(this.classes);
	}

	@Test
	void onlyTheEntryPointStartsTheCommandLine() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dcf.standalone.cli..")
			.and()
			.doNotHaveSimpleName("StandaloneApplication")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("dev.dcf.standalone.cli..")
			.check(this.classes);
	}

	@Test
	void theLauncherDoesNotReachIntoTheAppsInternals() {
		noClasses().that()
			.resideOutsideOfPackage("dev.dcf.standalone.cli..")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.handler.job..", "dev.dcf.handler.agent..", "dev.dcf.handler.messaging..",
					"dev.dcf.agent.instruction..", "dev.dcf.agent.runtime..", "dev.dcf.agent.messaging..")
			.because("it starts the two apps by their application classes and settings, nothing more")
			.check(this.classes);
	}

}
