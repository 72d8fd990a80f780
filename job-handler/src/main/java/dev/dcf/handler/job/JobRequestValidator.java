package dev.dcf.handler.job;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import dev.dcf.schemes.image.ImageReference;

/**
 * Every rule a job request must pass, in one place, for the REST API and the GUI alike.
 * Reports all violations at once, each with the JSON path of its field. Stateless and
 * thread-safe.
 */
@Component
public class JobRequestValidator {

	static final int MAX_NAME = 100;

	static final int MAX_DESCRIPTION = 2000;

	static final int MAX_COMMAND_ITEMS = 50;

	static final int MAX_VALUE = 4096;

	/**
	 * Bytes a sealed secret value takes beyond its own (docs/security.md), rounded up.
	 */
	static final int SEALING_OVERHEAD = 300;

	static final int MAX_ENV = 100;

	static final int MAX_ENV_NAME = 255;

	static final int MAX_LABELS = 20;

	static final int MAX_LABEL_KEY = 128;

	static final int MAX_LABEL_VALUE = 256;

	static final int MAX_PARTITIONS = 1000;

	static final int MAX_REPLICATION_FACTOR = 100;

	/** Records per second for a whole job: a hundred thousand per container at most. */
	static final double MAX_TARGET_RATE = 10_000_000;

	static final long MAX_RECORDS = 1_000_000_000_000L;

	/** Ten years. */
	static final int MAX_RETENTION_HOURS = 87_600;

	/**
	 * Names the agent sets itself; a job may not override them. Compared ignoring case.
	 */
	static final List<String> RESERVED_ENV_PREFIXES = List.of("DCF_", "KAFKA_");

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private static final Pattern LABEL_KEY = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?");

	private static final Pattern LABEL_VALUE = Pattern.compile("[A-Za-z0-9._:/@+-]*");

	private final JobLimits limits;

	private final Clock clock;

	private final GeneratorProperties generators;

	private final CronRules cronRules;

	@Autowired
	public JobRequestValidator(JobLimits limits, Clock clock, GeneratorProperties generators, CronRules cronRules) {
		this.limits = limits;
		this.clock = clock;
		this.generators = generators;
		this.cronRules = cronRules;
	}

	/**
	 * A validator that does not check cron expressions ({@link CronRules#UNCHECKED}).
	 */
	public JobRequestValidator(JobLimits limits, Clock clock, GeneratorProperties generators) {
		this(limits, clock, generators, CronRules.UNCHECKED);
	}

	/**
	 * A validator with the default generator image.
	 */
	public JobRequestValidator(JobLimits limits, Clock clock) {
		this(limits, clock, GeneratorProperties.defaults());
	}

	/**
	 * Fills in what a request may leave out: a job with a built-in generator and no image
	 * runs {@code dcf.handler.generator-image}.
	 * @param request the request
	 * @return the request to validate and store
	 */
	public JobRequest withDefaults(JobRequest request) {
		if (request.schedule() != null && (request.schedule().cron() == null || request.schedule().cron().isBlank())) {
			// the form sends an empty schedule for none
			request = request.withSchedule(null);
		}
		if (request.generator() != null && (request.image() == null || request.image().isBlank())) {
			return request.withImage(this.generators.generatorImage());
		}
		return request;
	}

	/**
	 * Checks a request against all rules.
	 * @param request the request
	 * @return the violations, empty if the request is valid
	 */
	public List<FieldViolation> validate(JobRequest request) {
		request = withDefaults(request);
		Violations violations = new Violations();
		checkText(violations, "name", request.name(), true, MAX_NAME);
		checkText(violations, "description", request.description(), false, MAX_DESCRIPTION);
		checkImage(violations, request.image());
		checkCommand(violations, request.command());
		String topicProblem = TopicNames.problem(request.topic(), this.limits.reservedTopics());
		if (topicProblem != null) {
			violations.add("topic", topicProblem);
		}
		checkRange(violations, "containers", request.containers(), this.limits.minContainers(),
				this.limits.maxContainers());
		checkCpu(violations, request.cpuLimit());
		checkRange(violations, "memoryLimitMb", request.memoryLimitMb(), this.limits.minMemoryMb(),
				this.limits.maxMemoryMb());
		checkRange(violations, "durationSeconds", request.durationSeconds(), this.limits.minDuration().toSeconds(),
				this.limits.maxDuration().toSeconds());
		checkStartAt(violations, request.startAt());
		checkEnv(violations, request.env());
		checkSecretEnv(violations, request);
		checkLabels(violations, request.agentLabels());
		checkInstructionSize(violations, request);
		if (AgentLostPolicy.parse(request.onAgentLost()) == null) {
			violations.add("onAgentLost", "must be replace or wait");
		}
		checkOptionalRange(violations, "partitions", request.partitions(), 1, MAX_PARTITIONS);
		checkOptionalRange(violations, "replicationFactor", request.replicationFactor(), 1, MAX_REPLICATION_FACTOR);
		checkOptionalRange(violations, "retentionHours", request.retentionHours(), 1, MAX_RETENTION_HOURS);
		if (TopicCleanup.parse(request.topicCleanup()) == null) {
			violations.add("topicCleanup", "must be keep, delete-with-job or truncate-before-run");
		}
		checkTargetRate(violations, request);
		checkMaxRecords(violations, request);
		RestartChecks.check(request.restart(), violations::add);
		if (request.generator() != null) {
			GeneratorChecks.check(request.generator(), request.env(), this.clock, violations::add);
		}
		if (request.schedule() != null) {
			ScheduleChecks.check(request.schedule(), request.startAt(), this.cronRules, violations::add);
		}
		return violations.list;
	}

	/**
	 * Checks a request and refuses it if it breaks any rule.
	 * @param request the request
	 * @throws InvalidJobRequestException listing every violation
	 */
	public void require(JobRequest request) {
		List<FieldViolation> violations = validate(request);
		if (!violations.isEmpty()) {
			throw new InvalidJobRequestException(violations);
		}
	}

	private static void checkText(Violations violations, String field, String value, boolean required, int max) {
		if (value == null || value.isBlank()) {
			if (required) {
				violations.add(field, "is required");
			}
			return;
		}
		if (value.length() > max) {
			violations.add(field, "must be at most " + max + " characters");
		}
	}

	private static void checkImage(Violations violations, String image) {
		if (image == null || image.isBlank()) {
			violations.add("image", "is required");
		}
		else if (image.length() > ImageReference.MAX_LENGTH) {
			violations.add("image", "must be at most " + ImageReference.MAX_LENGTH + " characters");
		}
		else if (!ImageReference.isValid(image)) {
			violations.add("image", "is not a valid image reference ([registry[:port]/]name[:tag][@sha256:digest], "
					+ "name in lowercase)");
		}
	}

	private static void checkCommand(Violations violations, List<String> command) {
		if (command == null) {
			return;
		}
		if (command.size() > MAX_COMMAND_ITEMS) {
			violations.add("command", "must have at most " + MAX_COMMAND_ITEMS + " items");
			return;
		}
		for (int i = 0; i < command.size(); i++) {
			String item = command.get(i);
			if (item == null) {
				violations.add("command[" + i + "]", "must not be null");
			}
			else if (item.length() > MAX_VALUE) {
				violations.add("command[" + i + "]", "must be at most " + MAX_VALUE + " characters");
			}
		}
	}

	private static void checkRange(Violations violations, String field, Number value, long min, long max) {
		if (value == null) {
			violations.add(field, "is required");
		}
		else if (value.longValue() < min || value.longValue() > max) {
			violations.add(field, "must be between " + min + " and " + max);
		}
	}

	private static void checkOptionalRange(Violations violations, String field, Number value, long min, long max) {
		if (value != null) {
			checkRange(violations, field, value, min, max);
		}
	}

	private static void checkTargetRate(Violations violations, JobRequest request) {
		Double rate = request.targetRate();
		if (rate == null) {
			return;
		}
		if (rate.isNaN() || rate <= 0 || rate > MAX_TARGET_RATE) {
			violations.add("targetRate", "must be more than 0 and at most " + (long) MAX_TARGET_RATE + " records/s");
		}
		else if (request.containers() != null && request.containers() > 0
				&& rate / request.containers() > MAX_TARGET_RATE / 100) {
			violations.add("targetRate",
					"must be at most " + (long) (MAX_TARGET_RATE / 100) + " records/s per container");
		}
		else if (request.containers() != null && request.containers() > 0 && rate / request.containers() < 0.01) {
			violations.add("targetRate", "must be at least 0.01 records/s per container");
		}
		if (hasEnv(request, "RATE")) {
			violations.add("targetRate", "is set, so env RATE must not be: DCF sets each container's share as RATE");
		}
	}

	private static void checkMaxRecords(Violations violations, JobRequest request) {
		Long max = request.maxRecords();
		if (max == null) {
			return;
		}
		if (request.containers() != null && request.containers() > 0 && max < request.containers()) {
			violations.add("maxRecords", "must be at least the number of containers (one record each)");
		}
		else {
			checkRange(violations, "maxRecords", max, 1, MAX_RECORDS);
		}
		if (hasEnv(request, "MAX_RECORDS")) {
			violations.add("maxRecords",
					"is set, so env MAX_RECORDS must not be: DCF sets each container's share as MAX_RECORDS");
		}
	}

	private static boolean hasEnv(JobRequest request, String name) {
		return request.env() != null && request.env().keySet().stream().anyMatch(name::equalsIgnoreCase);
	}

	private void checkCpu(Violations violations, Double cpu) {
		if (cpu == null) {
			violations.add("cpuLimit", "is required");
		}
		else if (cpu.isNaN() || cpu < this.limits.minCpu() || cpu > this.limits.maxCpu()) {
			violations.add("cpuLimit", "must be between " + this.limits.minCpu() + " and " + this.limits.maxCpu());
		}
	}

	private void checkStartAt(Violations violations, Instant startAt) {
		if (startAt != null && startAt.isBefore(this.clock.instant())) {
			violations.add("startAt", "must not be in the past");
		}
	}

	private static void checkSecretEnv(Violations violations, JobRequest request) {
		if (request.secretEnv() == null) {
			return;
		}
		for (String name : request.secretEnv()) {
			if (name == null || request.env() == null || !request.env().containsKey(name)) {
				violations.add("secretEnv", "names a variable that is not in env: " + name);
			}
		}
	}

	private static void checkEnv(Violations violations, Map<String, String> env) {
		if (env == null) {
			return;
		}
		if (env.size() > MAX_ENV) {
			violations.add("env", "must have at most " + MAX_ENV + " variables");
			return;
		}
		env.forEach((name, value) -> {
			String field = "env[" + name + "]";
			if (name.length() > MAX_ENV_NAME) {
				violations.add(field, FieldViolation.Part.NAME, "name must be at most " + MAX_ENV_NAME + " characters");
			}
			else if (!ENV_NAME.matcher(name).matches()) {
				violations.add(field, FieldViolation.Part.NAME,
						"name must start with a letter or '_' and contain only letters, digits and '_'");
			}
			else if (isReserved(name)) {
				violations.add(field, FieldViolation.Part.NAME, "name is reserved: DCF_* and KAFKA_* are set by DCF");
			}
			if (value == null) {
				violations.add(field, FieldViolation.Part.VALUE, "value must not be null");
			}
			else if (value.length() > MAX_VALUE) {
				violations.add(field, FieldViolation.Part.VALUE, "value must be at most " + MAX_VALUE + " characters");
			}
		});
	}

	/**
	 * The settings that travel in the start instruction must fit in one Kafka message, or
	 * the instruction could never be sent. Counted in UTF-8 bytes; the rest of the
	 * instruction is small and fixed.
	 */
	private void checkInstructionSize(Violations violations, JobRequest request) {
		long bytes = utf8(request.image()) + utf8(request.topic());
		if (request.command() != null) {
			for (String item : request.command()) {
				bytes += utf8(item);
			}
		}
		long envBytes = 0;
		if (request.env() != null || request.generator() != null) {
			for (Map.Entry<String, String> variable : request.runEnv().entrySet()) {
				envBytes += utf8(variable.getKey()) + utf8(variable.getValue());
			}
			// a sealed value carries a wrapped key, an IV and a tag besides the value
			envBytes += SEALING_OVERHEAD * request.secretNames().size();
		}
		long max = this.limits.maxInstructionSize().toBytes();
		if (bytes + envBytes > max) {
			violations.add((envBytes >= bytes) ? "env" : "command",
					"the job's settings take " + (bytes + envBytes) + " bytes in its start instruction; at most " + max
							+ " bytes fit (dcf.handler.limits.max-instruction-size, below the broker's message limit)");
		}
	}

	private static long utf8(String text) {
		return (text != null) ? text.getBytes(StandardCharsets.UTF_8).length : 0;
	}

	private static boolean isReserved(String envName) {
		String upper = envName.toUpperCase(Locale.ROOT);
		return RESERVED_ENV_PREFIXES.stream().anyMatch(upper::startsWith);
	}

	private static void checkLabels(Violations violations, Map<String, String> labels) {
		if (labels == null) {
			return;
		}
		if (labels.size() > MAX_LABELS) {
			violations.add("agentLabels", "must have at most " + MAX_LABELS + " labels");
			return;
		}
		labels.forEach((key, value) -> {
			String field = "agentLabels[" + key + "]";
			if (key.length() > MAX_LABEL_KEY || !LABEL_KEY.matcher(key).matches()) {
				violations.add(field, FieldViolation.Part.NAME, "key must be 1 to " + MAX_LABEL_KEY
						+ " letters, digits, '.', '_', '/' or '-', starting and ending with a letter or digit");
			}
			if (value == null) {
				violations.add(field, FieldViolation.Part.VALUE, "value must not be null");
			}
			else if (value.length() > MAX_LABEL_VALUE || !LABEL_VALUE.matcher(value).matches()) {
				violations.add(field, FieldViolation.Part.VALUE, "value must be at most " + MAX_LABEL_VALUE
						+ " letters, digits, '.', '_', ':', '/', '@', '+' or '-'");
			}
		});
	}

	private static final class Violations {

		private final List<FieldViolation> list = new ArrayList<>();

		void add(String field, String message) {
			this.list.add(new FieldViolation(field, message));
		}

		void add(String field, FieldViolation.Part part, String message) {
			this.list.add(new FieldViolation(field, message, part));
		}

	}

}
