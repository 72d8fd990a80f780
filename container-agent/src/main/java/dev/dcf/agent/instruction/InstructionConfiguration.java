package dev.dcf.agent.instruction;

import java.time.Clock;
import java.time.Duration;

import dev.dcf.agent.config.AgentIdentity;
import dev.dcf.agent.config.AgentProperties;
import dev.dcf.agent.config.GeneratorKafka;
import dev.dcf.agent.health.HealthMonitor;
import dev.dcf.agent.report.KafkaContact;
import dev.dcf.agent.report.Reporter;
import dev.dcf.agent.runtime.ContainerRuntime;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class InstructionConfiguration {

	/**
	 * A dry run's container gets little time to stop: the user waits for the answer, and
	 * nothing it writes after the try counts.
	 */
	static final Duration DRY_RUN_STOP_TIMEOUT = Duration.ofSeconds(2);

	@Bean
	JobLocks jobLocks() {
		return new JobLocks();
	}

	@Bean(destroyMethod = "close")
	SideBySide sideBySide(AgentProperties properties) {
		return new SideBySide(properties.concurrentInstructions());
	}

	@Bean
	InstructionHandler instructionHandler(AgentProperties properties, AgentIdentity identity, GeneratorKafka kafka,
			ContainerRuntime runtime, HealthMonitor health, ContainerRemover remover, JobLocks locks, Reporter reporter,
			PullProgressReports pullProgress, DryRuns dryRuns, Restarts restarts, SideBySide sideBySide, Clock clock) {
		ImagePuller puller = new ImagePuller(runtime, properties.pullPolicy(), properties.pullTimeout(),
				properties::credentialsFor, pullProgress, clock, Pause.SLEEP);
		// only an id kept in the file can be lost with it and recovered from the label
		String idFile = (properties.id() == null) ? properties.idFilePath() : null;
		ContainerSpecs specs = new ContainerSpecs(identity.id(), kafka, properties.dockerNetwork(),
				properties.hardening().toSpec(), idFile);
		ContainerStarter starter = new ContainerStarter(runtime, health, new ImageAllowList(properties.allowedImages()),
				puller, specs, identity.id(), properties.maxContainers(), clock, properties.heartbeatInterval(),
				properties.deadlineGrace());
		return new InstructionHandler(identity.id(), starter, remover, locks, reporter, dryRuns, restarts, sideBySide);
	}

	@Bean(destroyMethod = "close")
	Restarts restarts(AgentProperties properties, AgentIdentity identity, GeneratorKafka kafka,
			ContainerRuntime runtime, JobLocks locks, Reporter reporter, Clock clock) {
		String idFile = (properties.id() == null) ? properties.idFilePath() : null;
		ContainerSpecs specs = new ContainerSpecs(identity.id(), kafka, properties.dockerNetwork(),
				properties.hardening().toSpec(), idFile);
		return new Restarts(runtime, specs, locks, reporter, clock);
	}

	@Bean(destroyMethod = "close")
	DryRuns dryRuns(AgentProperties properties, AgentIdentity identity, GeneratorKafka kafka, ContainerRuntime runtime,
			HealthMonitor health, Reporter reporter, Clock clock) {
		String idFile = (properties.id() == null) ? properties.idFilePath() : null;
		ContainerSpecs specs = new ContainerSpecs(identity.id(), kafka, properties.dockerNetwork(),
				properties.hardening().toSpec(), idFile);
		DryRunner runner = new DryRunner(runtime, health, new ImageAllowList(properties.allowedImages()),
				(timeout) -> new ImagePuller(runtime, properties.pullPolicy(),
						(timeout.isZero()) ? Duration.ofMillis(1) : timeout, properties::credentialsFor,
						PullFollower.NONE, clock, Pause.SLEEP),
				specs, new DryRunner.Settings(identity.id(), properties.maxContainers(), properties.heartbeatInterval(),
						properties.dryRunTime(), DRY_RUN_STOP_TIMEOUT, properties.deadlineGrace()),
				clock, Pause.SLEEP);
		return new DryRuns(runner, reporter, clock);
	}

	@Bean(destroyMethod = "close")
	PullProgressReports pullProgressReports(AgentProperties properties, Reporter reporter, Clock clock) {
		return new PullProgressReports(reporter, properties.pullProgressInterval(), clock);
	}

	@Bean
	ContainerRemover containerRemover(AgentProperties properties, ContainerRuntime runtime, Clock clock) {
		return new ContainerRemover(runtime, properties.stopTimeout(), clock);
	}

	@Bean
	DeadlineEnforcer deadlineEnforcer(AgentProperties properties, AgentIdentity identity, ContainerRuntime runtime,
			ContainerRemover remover, JobLocks locks, Reporter reporter, KafkaContact contact, Restarts restarts,
			Clock clock) {
		return new DeadlineEnforcer(runtime, remover, locks, new PendingReports(reporter, contact), contact,
				identity.id(), properties.heartbeatInterval(), properties.stopAfterDisconnect(), clock, restarts);
	}

	@Bean
	ShutdownCleanup shutdownCleanup(AgentProperties properties, AgentIdentity identity, ContainerRuntime runtime,
			ContainerRemover remover, JobLocks locks, Reporter reporter) {
		return new ShutdownCleanup(properties.removeContainersOnShutdown(), runtime, remover, locks, reporter,
				identity.id());
	}

}
