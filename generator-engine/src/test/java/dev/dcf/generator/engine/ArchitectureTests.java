package dev.dcf.generator.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The engine is a plain library: no Spring, no Kafka (encoding and producing are the
 * image's business), and time comes from a clock the caller passes in, so tests are
 * deterministic.
 */
class ArchitectureTests {

	private static final JavaClasses ENGINE = new ClassFileImporter()
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
		.withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
		.importPackages("dev.dcf.generator.engine");

	@Test
	void theEngineUsesNeitherSpringNorKafka() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("org.springframework..", "org.apache.kafka..", "io.confluent..")
			.check(ENGINE);
	}

	@Test
	void theEngineDoesNotDependOnTheRestOfDcf() {
		noClasses().should()
			.dependOnClassesThat()
			.resideInAnyPackage("dev.dcf.schemes..", "dev.dcf.handler..", "dev.dcf.agent..", "dev.dcf.standalone..")
			.check(ENGINE);
	}

	@Test
	void timeIsPassedInNotReadFromTheSystem() {
		noClasses().should()
			.callMethod(System.class, "currentTimeMillis")
			.orShould()
			.callMethod(Instant.class, "now")
			.orShould()
			.callMethod(LocalDateTime.class, "now")
			.orShould()
			.callMethod(LocalDate.class, "now")
			.orShould()
			.callMethod(LocalTime.class, "now")
			.orShould()
			.callMethod(ZonedDateTime.class, "now")
			.orShould()
			.callMethod(OffsetDateTime.class, "now")
			.because("the caller passes a Clock (or a start time), so tests are deterministic")
			.check(ENGINE);
	}

	@Test
	void featurePackagesDoNotDependOnEachOtherInCycles() {
		slices().matching("dev.dcf.generator.engine.(*)..").should().beFreeOfCycles().check(ENGINE);
	}

}
