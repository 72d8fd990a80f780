package dev.dcf.handler.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.springframework.validation.Errors;

import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.GeneratorRequest;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobCopy;
import dev.dcf.handler.job.JobRequest;

/**
 * The new-job form: every field of the REST contract, kept as the user typed it (numbers
 * too, so a wrong entry comes back unchanged with its message). {@link #toRequest} turns
 * it into a {@link JobRequest}; the rules are the API's ({@code JobRequestValidator}),
 * whose violations {@link #reject} puts next to the fields. Env variables and agent
 * labels are rows; rows left completely empty are ignored. The start time is UTC.
 */
public class JobForm {

	/** The format of {@code <input type="datetime-local">}, read as UTC. */
	static final DateTimeFormatter START_AT_FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");

	private String name = "";

	private String description = "";

	private String image = "";

	private String command = "";

	private String topic = "";

	private String containers = "";

	private String cpuLimit = "";

	private String memoryLimitMb = "";

	private String durationSeconds = "";

	private String startAt = "";

	private List<Row> env = new ArrayList<>();

	private List<Row> labels = new ArrayList<>();

	private boolean start = true;

	private String onAgentLost = "replace";

	private boolean exclusive;

	private String partitions = "3";

	private String replicationFactor = "";

	private String retentionHours = "";

	private String topicCleanup = "keep";

	private String targetRate = "";

	private String maxRecords = "";

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
		form.containers = "1";
		form.cpuLimit = "0.5";
		form.memoryLimitMb = "256";
		form.durationSeconds = "60";
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
		form.containers = Integer.toString(job.getContainers());
		form.cpuLimit = plain(job.getCpuLimit());
		form.memoryLimitMb = Integer.toString(job.getMemoryLimitMb());
		form.durationSeconds = Long.toString(job.getDurationSeconds());
		JobCopy.env(job).forEach((name, value) -> form.env.add(new Row(name, value)));
		form.secretEnv = String.join(", ", JobCopy.secretNames(job));
		job.getAgentLabels().forEach((key, value) -> form.labels.add(new Row(key, value)));
		form.onAgentLost = job.getOnAgentLost().label();
		form.exclusive = job.isExclusive();
		form.partitions = Integer.toString(job.getTopicPartitions());
		form.replicationFactor = (job.getTopicReplicationFactor() != null) ? job.getTopicReplicationFactor().toString()
				: "";
		form.retentionHours = (job.getTopicRetentionHours() != null) ? job.getTopicRetentionHours().toString() : "";
		form.topicCleanup = job.getTopicCleanup().label();
		form.targetRate = (job.getTargetRate() != null) ? plain(job.getTargetRate()) : "";
		form.maxRecords = (job.getMaxRecords() != null) ? job.getMaxRecords().toString() : "";
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
	 * Reads the form. What cannot be read (a number that is not one, an env value without
	 * a name, a name given twice) is rejected on its field and left {@code null} in the
	 * request.
	 * @param errors where problems go
	 * @return the request to validate
	 */
	JobRequest toRequest(Errors errors) {
		List<String> commandArgs = this.command.isBlank() ? null
				: Arrays.stream(this.command.split("\\R")).filter((line) -> !line.isBlank()).toList();
		boolean builtin = isBuiltin();
		return new JobRequest(this.name, blankToNull(this.description), builtin ? null : this.image.strip(),
				commandArgs, this.topic.strip(), integer(errors, "containers", this.containers),
				decimal(errors, "cpuLimit", this.cpuLimit), integer(errors, "memoryLimitMb", this.memoryLimitMb),
				longInteger(errors, "durationSeconds", this.durationSeconds), instant(errors, this.startAt),
				rows(errors, "env", this.env), rows(errors, "labels", this.labels), this.start, this.onAgentLost,
				this.exclusive, integer(errors, "partitions", this.partitions),
				integer(errors, "replicationFactor", this.replicationFactor),
				integer(errors, "retentionHours", this.retentionHours), this.topicCleanup,
				decimal(errors, "targetRate", this.targetRate), longInteger(errors, "maxRecords", this.maxRecords),
				builtin ? this.generator.toRequest() : null, this.schedule.toRequest(), this.restart.toRequest(errors))
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
	 * name, {@code command[2]} the command box.
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
			case "env" -> rowField("env", this.env, key, violation.message());
			case "agentLabels" -> rowField("labels", this.labels, key, violation.message());
			default -> null;
		};
	}

	private static String rowField(String list, List<Row> rows, String key, String message) {
		if (key == null) {
			return list;
		}
		for (int i = 0; i < rows.size(); i++) {
			Row row = rows.get(i);
			if (row != null && key.equals(row.getName().strip())) {
				String part = message.startsWith("value") ? "value" : "name";
				return list + "[" + i + "]." + part;
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

	private static Integer integer(Errors errors, String field, String text) {
		Long value = longInteger(errors, field, text);
		if (value == null) {
			return null;
		}
		if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
			errors.rejectValue(field, "range", "is far too large");
			return null;
		}
		return value.intValue();
	}

	private static Long longInteger(Errors errors, String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return Long.parseLong(text.strip());
		}
		catch (NumberFormatException ex) {
			errors.rejectValue(field, "number", "must be a whole number");
			return null;
		}
	}

	private static Double decimal(Errors errors, String field, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			double value = Double.parseDouble(text.strip().replace(',', '.'));
			if (!Double.isFinite(value)) {
				throw new NumberFormatException(text);
			}
			return value;
		}
		catch (NumberFormatException ex) {
			errors.rejectValue(field, "number", "must be a number, e.g. 0.5");
			return null;
		}
	}

	private static Instant instant(Errors errors, String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return LocalDateTime.parse(text.strip(), START_AT_FORMAT).toInstant(ZoneOffset.UTC);
		}
		catch (DateTimeException ex) {
			errors.rejectValue("startAt", "format", "must be a date and time in UTC, e.g. 2030-01-31T14:00");
			return null;
		}
	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text;
	}

	private static String plain(double number) {
		String text = Double.toString(number);
		return text.endsWith(".0") ? text.substring(0, text.length() - 2) : text.toLowerCase(Locale.ROOT);
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

	public String getContainers() {
		return this.containers;
	}

	public void setContainers(String containers) {
		this.containers = nonNull(containers);
	}

	public String getCpuLimit() {
		return this.cpuLimit;
	}

	public void setCpuLimit(String cpuLimit) {
		this.cpuLimit = nonNull(cpuLimit);
	}

	public String getMemoryLimitMb() {
		return this.memoryLimitMb;
	}

	public void setMemoryLimitMb(String memoryLimitMb) {
		this.memoryLimitMb = nonNull(memoryLimitMb);
	}

	public String getDurationSeconds() {
		return this.durationSeconds;
	}

	public void setDurationSeconds(String durationSeconds) {
		this.durationSeconds = nonNull(durationSeconds);
	}

	public String getStartAt() {
		return this.startAt;
	}

	public void setStartAt(String startAt) {
		this.startAt = nonNull(startAt);
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

	public String getPartitions() {
		return this.partitions;
	}

	public void setPartitions(String partitions) {
		this.partitions = nonNull(partitions);
	}

	public String getReplicationFactor() {
		return this.replicationFactor;
	}

	public void setReplicationFactor(String replicationFactor) {
		this.replicationFactor = nonNull(replicationFactor);
	}

	public String getRetentionHours() {
		return this.retentionHours;
	}

	public void setRetentionHours(String retentionHours) {
		this.retentionHours = nonNull(retentionHours);
	}

	public String getTargetRate() {
		return this.targetRate;
	}

	public void setTargetRate(String targetRate) {
		this.targetRate = nonNull(targetRate);
	}

	public String getMaxRecords() {
		return this.maxRecords;
	}

	public void setMaxRecords(String maxRecords) {
		this.maxRecords = nonNull(maxRecords);
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
