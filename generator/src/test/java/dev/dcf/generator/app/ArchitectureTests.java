package dev.dcf.generator.app;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class ArchitectureTests {

	private final JavaClasses classes = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.importPackages("dev.dcf.generator.app");

	@Test
	void onlyBuiltInSpecsKnowsTheEnginesParsers() {
		noClasses().that()
			.doNotHaveSimpleName("BuiltInSpecs")
			.should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.generator.engine.template..", "dev.dcf.generator.engine.profile..",
					"dev.dcf.generator.engine.avro..", "dev.dcf.generator.engine.quickstart..")
			.because("the spec parsers are wired in one place, BuiltInSpecs")
			.allowEmptyShould(true)
			.check(this.classes);
	}

	@Test
	void onlyTheSinkAndTheRunUseKafka() {
		noClasses().that()
			.doNotHaveSimpleName("KafkaSink")
			.and()
			.doNotHaveSimpleName("GeneratorRun")
			.and()
			.doNotHaveSimpleName("AppConfig")
			.should()
			.dependOnClassesThat()
			.resideInAPackage("org.apache.kafka..")
			.check(this.classes);
	}

}
