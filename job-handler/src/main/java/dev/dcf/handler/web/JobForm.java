package dev.dcf.handler.web;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.validation.Errors;

import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.GeneratorRequest;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobCopy;
import dev.dcf.handler.job.JobRequest;

/**
 * The new-job form: every field of the REST contract, typed. Spring binds it
 * ({@link JobFormBinding} reads numbers and the start time and words what cannot be read;
 * such a field is {@code null}, its binding error keeps what was typed and its message).
 * {@link #toRequest} turns it into a {@link JobRequest}; the rules are the API's
 * ({@code JobRequestValidator}), whose violations {@link #reject} puts next to the fields
 * by their field paths. Env variables and agent labels are rows; rows left completely
 * empty are ignored. The start time is UTC.
 */
public class JobForm {

	private String name = "";

	private String description = "";

	private String image = "";

	private String command = "";

	private String topic = "";

	private Integer containers;

	private Double cpuLimit;

	private Integer memoryLimitMb;

	private Long durationSeconds;

	/** The start time in UTC. */
	private LocalDateTime startAt;

	private List<Row> env = new ArrayList<>();

	private List<Row> labels = new ArrayList<>();

	private boolean start = true;

	private String onAgentLost = "replace";

	private boolean exclusive;

	private Integer partitions = JobRequest.DEFAULT_PARTITIONS;

	private Integer replicationFactor;

	private Integer retentionHours;

	private String topicCleanup = "keep";

	private Double targetRate;

	private Long maxRecords;

	/** {@code image} (own image) or {@code builtin} (the built-in generator). */
	private String source = "image";

	/** Further secret variables, comma separated (the name rule marks the rest). */
	private String secretEnv = "";

	private GeneratorFields generator = new GeneratorFields();

	private ScheduleFields schedule = new ScheduleFields();

	private RestartFields restart = new RestartFields();

	/**
	 * The pre-filled example of a new form: the sample generator.
	 * @return a form ready to submit
	 */
	static JobForm example() {
		JobForm form = new JobForm();
		form.name = "sensor-demo";
		form.image = "dcf/sample-generator:latest";
		form.topic = "sensor-readings";
		form.containers = 1;
		form.cpuLimit = 0.5;
		form.memoryLimitMb = 256;
		form.durationSeconds = 60L;
		form.env.add(new Row("RATE", "10"));
		return form;
	}

	/**
	 * A form with the settings of an existing job, for cloning. Values of secret env
	 * variables are left empty (the GUI never shows them); they stay secret.
	 * @param job the job to copy
	 * @return a form named "copy of ..."
	 */
	static JobForm copyOf(Job job) {
		JobForm form = new JobForm();
		form.name = JobCopy.name(job);
		form.description = Objects.requireNonNullElse(job.getDescription(), "");
		form.image = job.getImage();
		form.command = String.join("\n", job.getCommand());
		form.topic = job.getTopic();
		form.containers = job.getContainers();
		form.cpuLimit = job.getCpuLimit();
		form.memoryLimitMb = job.getMemoryLimitMb();
		form.durationSeconds = job.getDurationSeconds();
		JobCopy.env(job).forEach((name, value) -> form.env.add(new Row(name, value)));
		form.secretEnv = String.join(", ", JobCopy.secretNames(job));
		job.getAgentLabels().forEach((key, value) -> form.labels.add(new Row(key, value)));
		form.onAgentLost = job.getOnAgentLost().label();
		form.exclusive = job.isExclusive();
		form.partitions = job.getTopicPartitions();
		form.replicationFactor = job.getTopicReplicationFactor();
		form.retentionHours = job.getTopicRetentionHours();
		form.topicCleanup = job.getTopicCleanup().label();
		form.targetRate = job.getTargetRate();
		form.maxRecords = job.getMaxRecords();
		if (job.getGenerator() != null) {
			form.source = "builtin";
			form.generator = GeneratorFields.of(job.getGenerator());
		}
		form.schedule = ScheduleFields.of(job.getSchedule());
		form.restart = RestartFields.of(job.getRestart());
		form.start = false;
		return form;
	}

	/**
	 * Reads the bound form. Fields that could not be bound are {@code null} here (their
	 * binding error is in {@code errors} already); an env value without a name and a name
	 * given twice are rejected on their rows and left out.
	 * @param errors where problems go
	 * @return the request to validate
	 */
	JobRequest toRequest(Errors errors) {
		List<String> commandArgs = this.command.isBlank() ? null
				: Arrays.stream(this.command.split("\\R")).filter((line) -> !line.isBlank()).toList();
		boolean builtin = isBuiltin();
		return new JobRequest(this.name, blankToNull(this.description), builtin ? null : this.image.strip(),
				commandArgs, this.topic.strip(), this.containers, this.cpuLimit, this.memoryLimitMb,
				this.durationSeconds, (this.startAt != null) ? this.startAt.toInstant(ZoneOffset.UTC) : null,
				rows(errors, "env", this.env), rows(errors, "labels", this.labels), this.start, this.onAgentLost,
				this.exclusive, this.partitions, this.replicationFactor, this.retentionHours, this.topicCleanup,
				this.targetRate, this.maxRecords, builtin ? this.generator.toRequest() : null,
				this.schedule.toRequest(), this.restart.toRequest())
			.withSecretEnv(names(this.secretEnv));
	}

	/** "A, B" to [A, B]; blank to none. */
	private static List<String> names(String list) {
		List<String> names = Arrays.stream(list.split(",")).map(String::strip).filter((n) -> !n.isEmpty()).toList();
		return names.isEmpty() ? null : names;
	}

	/**
	 * Puts the validator's violations next to the fields they are about. A field that
	 * already has a problem (it could not be read) keeps only that one.
	 * @param violations the violations, with the API's field paths
	 * @param errors where they go
	 */
	void reject(List<FieldViolation> violations, Errors errors) {
		for (FieldViolation violation : violations) {
			String field = formField(violation);
			if (field == null) {
				errors.reject("invalid", violation.field() + " " + violation.message());
			}
			else if (!errors.hasFieldErrors(field)) {
				errors.rejectValue(field, "invalid", violation.message());
			}
		}
	}

	/**
	 * The form field of an API field path: {@code env[NAME]} becomes the row with that
	 * name (its name or value field, as the violation's part says), {@code command[2]}
	 * the command box.
	 */
	private String formField(FieldViolation violation) {
		String path = violation.field();
		int bracket = path.indexOf('[');
		String base = (bracket < 0) ? path : path.substring(0, bracket);
		String key = (bracket < 0 || !path.endsWith("]")) ? null : path.substring(bracket + 1, path.length() - 1);
		return switch (base) {
			case "name", "description", "image", "topic", "containers", "cpuLimit", "memoryLimitMb", "durationSeconds",
					"startAt", "command", "onAgentLost", "partitions", "replicationFactor", "retentionHours",
					"topicCleanup", "targetRate", "maxRecords", "secretEnv" ->
				base;
			case "generator.kind", "generator.quickstart", "generator.template", "generator.schema",
					"generator.keyField", "generator.format", "generator.profile" ->
				base;
			case "schedule.cron", "schedule.timeZone", "schedule.overlap" -> base;
			case "restart.attempts", "restart.interval", "restart.delay", "restart.maxDelay" -> base;
			case "env" -> rowField("env", this.env, key, violation.part());
			case "agentLabels" -> rowField("labels", this.labels, key, violation.part());
			default -> null;
		};
	}

	private static String rowField(String list, List<Row> rows, String key, FieldViolation.Part part) {
		if (key == null) {
			return list;
		}
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			if (row != null && key.equals(row.getName().strip())) {
				return list + "[" + i + "]." + ((part == FieldViolation.Part.VALUE) ? "value" : "name");
			}
		}
		return list;
	}

	private static Map<String, String> rows(Errors errors, String list, List<Row> rows) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			if (row == null || row.isEmpty()) {
				continue;
			}
			String key = row.getName().strip();
			if (key.isEmpty()) {
				errors.rejectValue(list + "[" + i + "].name", "required", "name is required when a value is given");
			}
			else if (map.putIfAbsent(key, row.getValue()) != null) {
				errors.rejectValue(list + "[" + i + "].name", "duplicate", "is given twice");
			}
		}
		return map.isEmpty() ? null : map;
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	/**
	 * @return whether the job uses the built-in generator instead of its own image
	 */
	public boolean isBuiltin() {
		return "builtin".equals(this.source);
	}

	public String getSecretEnv() {
		return this.secretEnv;
	}

	public void setSecretEnv(String secretEnv) {
		this.secretEnv = (secretEnv != null) ? secretEnv : "";
	}

	public String getSource() {
		return this.source;
	}

	public void setSource(String source) {
		this.source = "builtin".equals(source) ? "builtin" : "image";
	}

	public RestartFields getRestart() {
		return this.restart;
	}

	public void setRestart(RestartFields restart) {
		this.restart = (restart != null) ? restart : new RestartFields();
	}

	public GeneratorFields getGenerator() {
		return this.generator;
	}

	public void setGenerator(GeneratorFields generator) {
		this.generator = (generator != null) ? generator : new GeneratorFields();
	}

	public String getName() {
		return this.name;
	}

	public void setName(String name) {
		this.name = nonNull(name);
	}

	public String getDescription() {
		return this.description;
	}

	public void setDescription(String description) {
		this.description = nonNull(description);
	}

	public String getImage() {
		return this.image;
	}

	public void setImage(String image) {
		this.image = nonNull(image);
	}

	public String getCommand() {
		return this.command;
	}

	public void setCommand(String command) {
		this.command = nonNull(command);
	}

	public String getTopic() {
		return this.topic;
	}

	public void setTopic(String topic) {
		this.topic = nonNull(topic);
	}

	public Integer getContainers() {
		return this.containers;
	}

	public void setContainers(Integer containers) {
		this.containers = containers;
	}

	public Double getCpuLimit() {
		return this.cpuLimit;
	}

	public void setCpuLimit(Double cpuLimit) {
		this.cpuLimit = cpuLimit;
	}

	public Integer getMemoryLimitMb() {
		return this.memoryLimitMb;
	}

	public void setMemoryLimitMb(Integer memoryLimitMb) {
		this.memoryLimitMb = memoryLimitMb;
	}

	public Long getDurationSeconds() {
		return this.durationSeconds;
	}

	public void setDurationSeconds(Long durationSeconds) {
		this.durationSeconds = durationSeconds;
	}

	public LocalDateTime getStartAt() {
		return this.startAt;
	}

	public void setStartAt(LocalDateTime startAt) {
		this.startAt = startAt;
	}

	public List<Row> getEnv() {
		return this.env;
	}

	public void setEnv(List<Row> env) {
		this.env = (env != null) ? env : new ArrayList<>();
	}

	public List<Row> getLabels() {
		return this.labels;
	}

	public void setLabels(List<Row> labels) {
		this.labels = (labels != null) ? labels : new ArrayList<>();
	}

	public boolean isStart() {
		return this.start;
	}

	public void setStart(boolean start) {
		this.start = start;
	}

	public String getOnAgentLost() {
		return this.onAgentLost;
	}

	public void setOnAgentLost(String onAgentLost) {
		this.onAgentLost = nonNull(onAgentLost);
	}

	public boolean isExclusive() {
		return this.exclusive;
	}

	public void setExclusive(boolean exclusive) {
		this.exclusive = exclusive;
	}

	public Integer getPartitions() {
		return this.partitions;
	}

	public void setPartitions(Integer partitions) {
		this.partitions = partitions;
	}

	public Integer getReplicationFactor() {
		return this.replicationFactor;
	}

	public void setReplicationFactor(Integer replicationFactor) {
		this.replicationFactor = replicationFactor;
	}

	public Integer getRetentionHours() {
		return this.retentionHours;
	}

	public void setRetentionHours(Integer retentionHours) {
		this.retentionHours = retentionHours;
	}

	public Double getTargetRate() {
		return this.targetRate;
	}

	public void setTargetRate(Double targetRate) {
		this.targetRate = targetRate;
	}

	public Long getMaxRecords() {
		return this.maxRecords;
	}

	public void setMaxRecords(Long maxRecords) {
		this.maxRecords = maxRecords;
	}

	public String getTopicCleanup() {
		return this.topicCleanup;
	}

	public void setTopicCleanup(String topicCleanup) {
		this.topicCleanup = nonNull(topicCleanup);
	}

	public ScheduleFields getSchedule() {
		return this.schedule;
	}

	public void setSchedule(ScheduleFields schedule) {
		this.schedule = (schedule != null) ? schedule : new ScheduleFields();
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	/**
	 * One name/value row: an env variable or an agent label (name = label key).
	 */
	public static class Row {

		private String name = "";

		private String value = "";

		public Row() {
		}

		Row(String name, String value) {
			this.name = nonNull(name);
			this.value = nonNull(value);
		}

		boolean isEmpty() {
			return this.name.isBlank() && this.value.isEmpty();
		}

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = nonNull(name);
		}

		public String getValue() {
			return this.value;
		}

		public void setValue(String value) {
			this.value = nonNull(value);
		}

	}

}
