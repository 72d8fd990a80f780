package dev.dcf.agent.instruction;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.dcf.agent.config.GeneratorKafka;
import dev.dcf.agent.runtime.ContainerSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContainerSpecsTests {

	private final ContainerSpecs specs = new ContainerSpecs("agent-1", "kafka:9092", "dcf-net",
			new ContainerSpec.Hardening(128, "5m", 2));

	@Test
	void specHasDeterministicNameLabelsEnvLimitsNetworkAndHardening() {
		ContainerSpec spec = this.specs.spec(create(Map.of("RATE", "10"), new Instruction.Limits(0.5, 512L << 20)), 2);
		assertThat(spec.name()).isEqualTo("dcf-job-1-2");
		assertThat(spec.image()).isEqualTo("dcf/gen:1");
		assertThat(spec.command()).containsExactly("run", "--fast");
		assertThat(spec.labels()).containsExactlyInAnyOrderEntriesOf(Map.of("dcf.managed", "true", "dcf.job-id",
				"job-1", "dcf.agent-id", "agent-1", "dcf.container-index", "2", "dcf.run", "4"));
		assertThat(spec.env()).containsExactlyInAnyOrderEntriesOf(
				Map.of("RATE", "10", "KAFKA_BOOTSTRAP_SERVERS", "kafka:9092", "KAFKA_TOPIC", "sensors", "DCF_JOB_ID",
						"job-1", "DCF_CONTAINER_INDEX", "2", "DCF_CONTAINER_COUNT", "3"));
		assertThat(spec.nanoCpus()).isEqualTo(500_000_000L);
		assertThat(spec.memoryBytes()).isEqualTo(512L << 20);
		assertThat(spec.network()).isEqualTo("dcf-net");
		assertThat(spec.hardening()).isEqualTo(new ContainerSpec.Hardening(128, "5m", 2));
	}

	@Test
	void agentVariablesWinOverTheJobsEnvironment() {
		Map<String, String> jobEnv = Map.of("KAFKA_BOOTSTRAP_SERVERS", "evil:9092", "KAFKA_TOPIC", "dcf.job-status",
				"DCF_JOB_ID", "other", "DCF_CONTAINER_INDEX", "7", "DCF_CONTAINER_COUNT", "99", "KAFKA_ACKS", "1");
		ContainerSpec spec = this.specs.spec(create(jobEnv, null), 0);
		assertThat(spec.env()).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
			.containsEntry("KAFKA_TOPIC", "sensors")
			.containsEntry("DCF_JOB_ID", "job-1")
			.containsEntry("DCF_CONTAINER_INDEX", "0")
			.containsEntry("DCF_CONTAINER_COUNT", "3")
			// not one of the agent's variables: the job's own business
			.containsEntry("KAFKA_ACKS", "1");
	}

	@Test
	void containersGetTheSchemaRegistryUnlessTheJobNamesItsOwn() {
		ContainerSpecs withRegistry = new ContainerSpecs("agent-1",
				new GeneratorKafka("kafka:9092", "http://registry:8081"), "dcf-net", ContainerSpec.Hardening.DEFAULT,
				null);
		assertThat(withRegistry.spec(create(Map.of("RATE", "10"), null), 0).env()).containsEntry("SCHEMA_REGISTRY_URL",
				"http://registry:8081");
		assertThat(withRegistry.spec(create(Map.of("SCHEMA_REGISTRY_URL", "http://mine:8081"), null), 0).env())
			.containsEntry("SCHEMA_REGISTRY_URL", "http://mine:8081");
		assertThat(this.specs.spec(create(Map.of(), null), 0).env()).doesNotContainKey("SCHEMA_REGISTRY_URL");
	}

	@Test
	void eachContainerGetsItsShareOfTheJobsRateAndRecordLimit() {
		Instruction base = create(Map.of(), null);
		Instruction instruction = new Instruction(base.instructionId(), base.operation(), base.agentId(), base.jobId(),
				base.runNumber(), base.issuedAt(), base.image(), base.command(), base.topic(), 3, null, Map.of(),
				base.owner(), null, new Shares(200.0, 5000L));

		List<Map<String, String>> envs = List.of(this.specs.spec(instruction, 0).env(),
				this.specs.spec(instruction, 1).env(), this.specs.spec(instruction, 2).env());

		assertThat(envs).extracting((env) -> env.get("RATE")).containsOnly("66.667");
		assertThat(envs).extracting((env) -> env.get("MAX_RECORDS")).containsExactly("1667", "1667", "1666");
		assertThat(envs.stream().mapToLong((env) -> Long.parseLong(env.get("MAX_RECORDS"))).sum()).isEqualTo(5000);
	}

	@Test
	void theAgentsSharesWinOverTheJobsOwnRate() {
		Instruction base = create(Map.of("RATE", "5", "MAX_RECORDS", "7"), null);
		Instruction instruction = new Instruction(base.instructionId(), base.operation(), base.agentId(), base.jobId(),
				base.runNumber(), base.issuedAt(), base.image(), base.command(), base.topic(), 2, null, base.env(),
				base.owner(), null, new Shares(50.0, null));

		Map<String, String> env = this.specs.spec(instruction, 1).env();

		assertThat(env).containsEntry("RATE", "25").containsEntry("MAX_RECORDS", "7");
	}

	@Test
	void withoutSharesTheJobsOwnVariablesStay() {
		assertThat(this.specs.spec(create(Map.of("RATE", "10"), null), 0).env()).containsEntry("RATE", "10")
			.doesNotContainKey("MAX_RECORDS");
	}

	@Test
	void noLimitsMeansUnlimited() {
		ContainerSpec spec = this.specs.spec(create(Map.of(), null), 0);
		assertThat(spec.nanoCpus()).isZero();
		assertThat(spec.memoryBytes()).isZero();
	}

	@Test
	void cpusConvertToNanoCpus() {
		assertThat(ContainerSpecs.nanoCpus(0.1)).isEqualTo(100_000_000L);
		assertThat(ContainerSpecs.nanoCpus(2.0)).isEqualTo(2_000_000_000L);
		assertThat(ContainerSpecs.nanoCpus(0.333)).isEqualTo(333_000_000L);
		assertThat(ContainerSpecs.nanoCpus(0)).isZero();
	}

	@Test
	void problemsNameWhatIsWrong() {
		assertThat(ContainerSpecs.problems(create(Map.of(), null))).isEmpty();
		assertThat(ContainerSpecs.problems(withImage(" "))).hasValue("the instruction names no image");
		assertThat(ContainerSpecs.problems(withContainers(0)))
			.hasValue("the instruction asks for 0 containers (at least 1)");
		assertThat(ContainerSpecs.problems(create(Map.of("A=B", "x"), null)))
			.hasValue("invalid environment variable name 'A=B'");
		assertThat(ContainerSpecs.problems(create(Map.of(), new Instruction.Limits(-1, 0))))
			.hasValue("invalid CPU limit -1.0");
		assertThat(ContainerSpecs.problems(create(Map.of(), new Instruction.Limits(1, -5))))
			.hasValue("invalid memory limit -5 bytes");
	}

	static Instruction create(Map<String, String> env, Instruction.Limits limits) {
		return new Instruction("i-1", Instruction.Operation.CREATE, "agent-1", "job-1", 4, Instant.EPOCH, "dcf/gen:1",
				List.of("run", "--fast"), "sensors", 3, limits, env, "alice");
	}

	private static Instruction withImage(String image) {
		return new Instruction("i-1", Instruction.Operation.CREATE, "agent-1", "job-1", 4, Instant.EPOCH, image,
				List.of(), "sensors", 3, null, Map.of(), null);
	}

	private static Instruction withContainers(int containers) {
		return new Instruction("i-1", Instruction.Operation.CREATE, "agent-1", "job-1", 4, Instant.EPOCH, "dcf/gen",
				List.of(), "sensors", containers, null, Map.of(), null);
	}

}
