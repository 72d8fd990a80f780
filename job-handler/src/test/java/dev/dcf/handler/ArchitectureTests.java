package dev.dcf.handler;

import java.time.Instant;
import java.time.LocalDateTime;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RestController;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobRun;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of docs/handler-runtime.md ("Packages"), checked on the production
 * classes.
 */
@AnalyzeClasses(packagesOf = JobHandlerApplication.class, importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTests {

	@ArchTest
	static final ArchRule featuresAreFreeOfCycles = slices().matching("dev.dcf.handler.(*)..")
		.should()
		.beFreeOfCycles();

	@ArchTest
	static final ArchRule controllersArePackagePrivate = classes().that()
		.areAnnotatedWith(RestController.class)
		.or()
		.areAnnotatedWith(Controller.class)
		.should()
		.notBePublic();

	@ArchTest
	static final ArchRule theJobFeatureKnowsNothingOfTheWebAgentsOrSetUp = noClasses().that()
		.resideInAPackage("dev.dcf.handler.job..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("dev.dcf.handler.api..", "dev.dcf.handler.agent..", "dev.dcf.handler.system..",
				"dev.dcf.handler.web..");

	/** The current run changes only with the job's state (docs/design.md). */
	@ArchTest
	static final ArchRule onlyTheJobChangesItsRun = methods().that()
		.areDeclaredIn(JobRun.class)
		.and()
		.arePackagePrivate()
		.should()
		.onlyBeCalled()
		.byClassesThat()
		.belongToAnyOf(Job.class, JobRun.class);

	@ArchTest
	static final ArchRule avroStaysInMessagingPackages = noClasses().that()
		.resideOutsideOfPackage("..messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAPackage("dev.dcf.schemes.avro..");

	@ArchTest
	static final ArchRule kafkaStaysInMessagingPackages = noClasses().that()
		.resideOutsideOfPackage("..messaging..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..", "dev.dcf.schemes.serde..",
				"dev.dcf.schemes.registry..");

	@ArchTest
	static final ArchRule quartzStaysInTheSchedulePackage = noClasses().that()
		.resideOutsideOfPackage("dev.dcf.handler.schedule..")
		.should()
		.dependOnClassesThat()
		.resideInAnyPackage("org.quartz..", "org.springframework.scheduling.quartz..");

	@ArchTest
	static final ArchRule timeComesFromTheInjectedClock = noClasses().should()
		.callMethod(Instant.class, "now")
		.orShould()
		.callMethod(LocalDateTime.class, "now")
		.orShould()
		.callMethod(System.class, "currentTimeMillis");

}
