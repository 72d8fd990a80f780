package dev.dcf.generator.engine.avro;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The Avro hints and the quickstarts are plain Java over Avro's generic API: no Spring,
 * no Kafka, no generated classes, and the engine's core contract does not depend on them.
 */
@AnalyzeClasses(packages = "dev.dcf.generator.engine", importOptions = ImportOption.DoNotIncludeTests.class)
class AvroArchitectureTests {

	@ArchTest
	static final ArchRule noSpringNoKafka = noClasses().that()
		.resideInAnyPackage("dev.dcf.generator.engine.avro..", "dev.dcf.generator.engine.quickstart..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.confluent..", "dev.dcf.schemes..");

	@ArchTest
	static final ArchRule theCoreContractKnowsNoSpecKind = noClasses().that()
		.resideInAPackage("dev.dcf.generator.engine")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.dcf.generator.engine.avro..", "dev.dcf.generator.engine.quickstart..");

	@ArchTest
	static final ArchRule hintsDoNotKnowTheQuickstarts = noClasses().that()
		.resideInAPackage("dev.dcf.generator.engine.avro..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.dcf.generator.engine.quickstart..");

}
