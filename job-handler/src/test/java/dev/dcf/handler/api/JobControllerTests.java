package dev.dcf.handler.api;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.http.MediaType;
import org.springframework.orm.ObjectOptimisticLockingFailureException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.schedule.QuartzCronRules;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobContainer;
import dev.dcf.handler.job.JobContainerRepository;
import dev.dcf.handler.job.GeneratorPreview;
import dev.dcf.handler.job.GeneratorProperties;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.RecordsProduced;
import dev.dcf.handler.job.TopicOffsets;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.system.WebSecurityTestConfiguration;
import dev.dcf.handler.job.RunningJobs;
import dev.dcf.handler.throughput.ThroughputProperties;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.TopicSampler;
import dev.dcf.handler.run.RunService;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyCollection;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.asyncDispatch;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The job API over the real {@link JobService} and validation, with the repositories
 * mocked.
 */
@WebMvcTest({ JobController.class, GeneratorPreviewController.class })
@Import({ WebSecurityTestConfiguration.class, JobService.class, RecordsProduced.class, JobRequestValidator.class,
		JobRemoval.class, ThroughputService.class, RunningJobs.class, GeneratorPreview.class, QuartzCronRules.class,
		RecurringSchedules.class, JobWaits.class, JobBulk.class })

@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class, ThroughputProperties.class })
@TestPropertySource(properties = {

		"dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw", "dcf.security.users[0].name=alice",
		"dcf.security.users[0].password={noop}alice-pw", "dcf.security.users[1].name=bob",
		"dcf.security.users[1].password={noop}bob-pw" })
class JobControllerTests {

	private static final String VALID = """
			{"name": "sample", "image": "dcf/sample-generator:latest", "topic": "sample-data",
			 "containers": 2, "cpuLimit": 0.5, "memoryLimitMb": 256, "durationSeconds": 60,
			 "env": {"RATE": "10", "FORMAT": "json"}, "agentLabels": {"zone": "eu"}}
			""";

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private JobRepository jobs;

	@MockitoBean
	private JobContainerRepository containers;

	@MockitoBean
	private TopicOffsets offsets;

	@MockitoBean
	private JobTopics topics;

	@MockitoBean
	private TopicSampler sampler;

	@MockitoBean
	private RunService runs;

	@BeforeEach
	void saveReturnsTheJob() {
		given(this.jobs.save(any(Job.class))).willAnswer((invocation) -> invocation.getArgument(0));
	}

	@Test
	void createStoresTheJobAndAnswers201WithItsLocation() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID))
			.andExpect(status().isCreated())
			.andExpect(header().string("Location", startsWith("http://localhost/api/jobs/")))
			.andExpect(jsonPath("$.id").isString())
			.andExpect(jsonPath("$.name").value("sample"))
			.andExpect(jsonPath("$.image").value("dcf/sample-generator:latest"))
			.andExpect(jsonPath("$.state").value("CREATED"))
			.andExpect(jsonPath("$.owner").value("alice"))
			.andExpect(jsonPath("$.runNumber").value(1))
			.andExpect(jsonPath("$.env.RATE").value("10"))
			.andExpect(jsonPath("$.agentLabels.zone").value("eu"))
			.andExpect(jsonPath("$.createdAt").value("2026-05-01T10:00:00Z"))
			.andExpect(jsonPath("$.startAt").value(nullValue()));
		verify(this.jobs).save(any(Job.class));
	}

	@Test
	void secretValuesAreStoredEncryptedAndAnsweredMaskedWithTheirNames() throws Exception {
		String withSecrets = VALID.replace("\"env\": {\"RATE\": \"10\", \"FORMAT\": \"json\"}", """
				"env": {"RATE": "10", "DB_PASSWORD": "hunter2", "CONNECTION_URL": "pg://u:p@db"},
				"secretEnv": ["CONNECTION_URL"]""");

		String body = this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(withSecrets))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.env.RATE").value("10"))
			.andExpect(jsonPath("$.env.DB_PASSWORD").value("••••••••"))
			.andExpect(jsonPath("$.env.CONNECTION_URL").value("••••••••"))
			.andExpect(jsonPath("$.secretEnv", hasSize(2)))
			.andExpect(jsonPath("$.secretEnv[0]").value("DB_PASSWORD"))
			.andExpect(jsonPath("$.secretEnv[1]").value("CONNECTION_URL"))
			.andReturn()
			.getResponse()
			.getContentAsString();

		assertThat(body).doesNotContain("hunter2", "pg://u:p@db");
		org.mockito.ArgumentCaptor<Job> saved = org.mockito.ArgumentCaptor.forClass(Job.class);
		verify(this.jobs).save(saved.capture());
		assertThat(saved.getValue().getEnv())
			.extracting(dev.dcf.handler.job.EnvVar::name, dev.dcf.handler.job.EnvVar::secret)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("RATE", false),
					org.assertj.core.groups.Tuple.tuple("DB_PASSWORD", true),
					org.assertj.core.groups.Tuple.tuple("CONNECTION_URL", true));
		assertThat(saved.getValue().getSecretEnv().values())
			.allSatisfy((stored) -> assertThat(stored).startsWith("aesgcm:").doesNotContain("hunter2", "pg://"));
		assertThat(saved.getValue().getRunEnv()).containsOnlyKeys("RATE");
	}

	@Test
	void aSecretNameThatIsNotInEnvIsAFieldErrorAndNothingIsStored() throws Exception {
		String wrong = VALID.replace("\"containers\": 2,", "\"containers\": 2, \"secretEnv\": [\"NOPE\"],");

		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(wrong))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors", hasSize(1)))
			.andExpect(jsonPath("$.errors[0].field").value("secretEnv"))
			.andExpect(jsonPath("$.errors[0].message").value("names a variable that is not in env: NOPE"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	private static final String QUICKSTART_JOB = """
			{"name": "orders", "topic": "orders", "containers": 1, "cpuLimit": 0.5, "memoryLimitMb": 256,
			 "durationSeconds": 60, "env": {"SEED": "7"},
			 "generator": {"kind": "quickstart", "quickstart": "orders", "profile": "ramp:10->100:60s"}}
			""";

	@Test
	void aJobWithABuiltInGeneratorRunsTheGeneratorImageAndShowsItsSettings() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(QUICKSTART_JOB))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.image").value("dcf/generator:latest"))
			.andExpect(jsonPath("$.generator.kind").value("quickstart"))
			.andExpect(jsonPath("$.generator.quickstart").value("orders"))
			.andExpect(jsonPath("$.generator.profile").value("ramp:10->100:60s"))
			.andExpect(jsonPath("$.env.SEED").value("7"));
	}

	@Test
	void aJobWithoutGeneratorDoesNotShowOne() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.generator").doesNotExist());
	}

	@Test
	void previewOfAQuickstartIsFiveRecordsWithKeyAndJsonValue() throws Exception {
		this.mvc
			.perform(post("/api/jobs/preview").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(QUICKSTART_JOB))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(5)))
			.andExpect(jsonPath("$[0].key").isString())
			.andExpect(jsonPath("$[0].value.orderid").isNumber())
			.andExpect(jsonPath("$[0].value.address.city").isString());
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void previewOfATemplateIsFiveRecordsWithKeyValueAndHeaders() throws Exception {
		this.mvc
			.perform(post("/api/jobs/preview").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"generator": {"kind": "template", "template":
								  "{\\"key\\": \\"{{$.value.id}}\\", \\"value\\": {\\"id\\": \\"o-{{seq}}\\", \\"n\\": \\"{{int(1, 9)}}\\"}, \\"headers\\": {\\"src\\": \\"dcf\\"}}"}}
								"""))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(5)))
			.andExpect(jsonPath("$[0].key").value("o-0"))
			.andExpect(jsonPath("$[4].value.id").value("o-4"))
			.andExpect(jsonPath("$[0].value.n").isNumber())
			.andExpect(jsonPath("$[0].headers.src").value("dcf"));
	}

	@Test
	void previewOfABrokenTemplateIs400WithTheFieldErrorAndItsPosition() throws Exception {
		this.mvc
			.perform(post("/api/jobs/preview").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(
						"""
								{"generator": {"kind": "template", "template": "{\\n  \\"a\\": \\"{{nosuch(1)}}\\",\\n  \\"b\\": }"}}
								"""))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("generator.template"))
			.andExpect(jsonPath("$.errors[0].message", startsWith("line 3, column ")));
	}

	@Test
	void aJobWithAnUnknownExpressionIsRefusedAndNothingIsStored() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(QUICKSTART_JOB.replace("\"quickstart\", \"quickstart\": \"orders\"",
						"\"template\", \"template\": \"{\\\"value\\\": \\\"{{nosuch(1)}}\\\"}\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("generator.template"))
			.andExpect(jsonPath("$.errors[0].message", containsString("nosuch")));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void createWithStartTrueDeploysAtOnce() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"name\"", "\"start\": true, \"name\"")))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.state").value("DEPLOYING"))
			.andExpect(jsonPath("$.agentId").value(nullValue()));
	}

	@Test
	void createWithoutLoginIs401ProblemWithoutRedirect() throws Exception {
		this.mvc.perform(post("/api/jobs").contentType(MediaType.APPLICATION_JSON).content(VALID))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string("WWW-Authenticate", containsString("Basic")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(401))
			.andExpect(jsonPath("$.instance").value("/api/jobs"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void wrongPasswordIs401() throws Exception {
		this.mvc.perform(get("/api/jobs").with(httpBasic("alice", "wrong")))
			.andExpect(status().isUnauthorized())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

	@Test
	void apiCreatesNoSession() throws Exception {
		this.mvc.perform(get("/api/jobs/nope").with(httpBasic("alice", "alice-pw")))
			.andExpect((result) -> assertThat(result.getRequest().getSession(false)).isNull());
	}

	@Test
	void invalidRequestIs400WithFieldErrorsAndNothingIsStored() throws Exception {
		String invalid = """
				{"name": "", "image": "Not An Image", "topic": "dcf.job-status", "containers": 0,
				 "cpuLimit": 0.5, "memoryLimitMb": 256, "durationSeconds": 60, "env": {"KAFKA_TOPIC": "x"}}
				""";
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(invalid))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.status").value(400))
			.andExpect(jsonPath("$.detail").value("The job request is invalid: 5 fields"))
			.andExpect(jsonPath("$.errors", hasSize(5)))
			.andExpect(jsonPath("$.errors[0].field").value("name"))
			.andExpect(jsonPath("$.errors[0].message").value("is required"))
			.andExpect(jsonPath("$.errors[1].field").value("image"))
			.andExpect(jsonPath("$.errors[2].field").value("topic"))
			.andExpect(jsonPath("$.errors[3].field").value("containers"))
			.andExpect(jsonPath("$.errors[4].field").value("env[KAFKA_TOPIC]"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void badRestartValuesAre400WithFieldErrorsAndNothingIsStored() throws Exception {
		String invalid = """
				{"name": "crashy", "image": "dcf/sample-generator:latest", "topic": "t", "containers": 1,
				 "cpuLimit": 0.5, "memoryLimitMb": 256, "durationSeconds": 60,
				 "restart": {"attempts": 101, "interval": "soon", "delay": "10s", "maxDelay": 5}}
				""";
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(invalid))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasSize(3)))
			.andExpect(jsonPath("$.errors[0].field").value("restart.attempts"))
			.andExpect(jsonPath("$.errors[1].field").value("restart.interval"))
			.andExpect(jsonPath("$.errors[2].field").value("restart.maxDelay"))
			.andExpect(jsonPath("$.errors[2].message").value("must be at least the delay (10s)"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void aJobShowsItsRestartPolicyWithDurationsAsText() throws Exception {
		String request = """
				{"name": "crashy", "image": "dcf/sample-generator:latest", "topic": "t", "containers": 1,
				 "cpuLimit": 0.5, "memoryLimitMb": 256, "durationSeconds": 60,
				 "restart": {"attempts": 3, "delay": "1s", "maxDelay": 90}}
				""";
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(request))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.restart.attempts").value(3))
			.andExpect(jsonPath("$.restart.interval").value("10m"))
			.andExpect(jsonPath("$.restart.delay").value("1s"))
			.andExpect(jsonPath("$.restart.maxDelay").value("1m30s"));
	}

	@Test
	void startAtInThePastIs400() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"name\"", "\"startAt\": \"2026-05-01T09:59:59Z\", \"name\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("startAt"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void unknownFieldIs400NamingTheFieldAndNothingIsStored() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"name\"", "\"replicas\": 3, \"name\"")))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("replicas")))
			.andExpect(jsonPath("$.errors[0].field").value("replicas"))
			.andExpect(jsonPath("$.errors[0].message").value("is not a known field"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void malformedJsonIs400Problem() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content("{\"name\": "))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.title").value("Malformed JSON"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void wrongTypeIs400NamingTheField() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"containers\": 2", "\"containers\": \"two\"")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("containers"));
	}

	@Test
	void fractionalContainerCountIs400() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID.replace("\"containers\": 2", "\"containers\": 1.5")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("containers"));
	}

	@Test
	void getShowsTheJobWithTheContainersOfItsCurrentRun() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		JobContainer container = new JobContainer(job.getId(), 1, 0, "agent-1", WebSecurityTestConfiguration.NOW);
		given(this.containers.findByJobIdAndRunNumberOrderByIndex(job.getId(), 1)).willReturn(List.of(container));

		this.mvc.perform(get("/api/jobs/{id}", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.id").value(job.getId()))
			.andExpect(jsonPath("$.owner").value("alice"))
			.andExpect(jsonPath("$.containerList[0].index").value(0))
			.andExpect(jsonPath("$.containerList[0].agentId").value("agent-1"))
			.andExpect(jsonPath("$.containerList[0].state").value("UNKNOWN"));
	}

	@Test
	void waitingForTheStateTheJobIsInAnswersAtOnce() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		MvcResult pending = this.mvc
			.perform(get("/api/jobs/{id}", job.getId()).param("waitFor", "CREATED").with(httpBasic("bob", "bob-pw")))
			.andExpect(request().asyncStarted())
			.andReturn();

		this.mvc.perform(asyncDispatch(pending))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("CREATED"));
	}

	@Test
	void waitingForARunThatEndedElsewhereAnswersAtOnce() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		job.fail("no agent", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		MvcResult pending = this.mvc
			.perform(get("/api/jobs/{id}", job.getId()).param("waitFor", "RUNNING").with(httpBasic("bob", "bob-pw")))
			.andExpect(request().asyncStarted())
			.andReturn();

		this.mvc.perform(asyncDispatch(pending)).andExpect(jsonPath("$.state").value("FAILED"));
	}

	@Test
	void aBadWaitIsRefusedByParameter() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc
			.perform(get("/api/jobs/{id}", job.getId()).param("waitFor", "RUNNING")
				.param("timeout", "6m")
				.with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("timeout"));
		this.mvc
			.perform(get("/api/jobs/{id}", job.getId()).param("waitFor", "RUNNING")
				.param("timeout", "soon")
				.with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("timeout"));
		this.mvc
			.perform(get("/api/jobs/{id}", job.getId()).param("waitFor", "SLEEPING").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("waitFor"));
	}

	@Test
	void getShowsTheRecordsTheRunProducedLiveAndFrozen() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		job.assignTo("a1", WebSecurityTestConfiguration.NOW);
		job.markRunning(WebSecurityTestConfiguration.NOW);
		job.recordRunStartOffsets(100);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.offsets.endOffsetSum(job.getTopic())).willReturn(OptionalLong.of(125));

		this.mvc.perform(get("/api/jobs/{id}", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recordsProduced").value(25));

		job.freezeRecordsProduced(40);
		job.complete("done", WebSecurityTestConfiguration.NOW);

		this.mvc.perform(get("/api/jobs/{id}", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.recordsProduced").value(40));
	}

	@Test
	void unknownJobIs404Problem() throws Exception {
		given(this.jobs.findById(anyString())).willReturn(Optional.empty());

		this.mvc.perform(get("/api/jobs/{id}", "nope").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("No job with id nope"));
	}

	@Test
	void listFiltersByStateAndPages() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findByStateIn(anyCollection(), any(Pageable.class)))
			.willReturn(new PageImpl<>(List.of(job), PageRequest.of(1, 5), 6));

		this.mvc.perform(get("/api/jobs?state=CREATED&state=FAILED&page=1&size=5").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.content[0].id").value(job.getId()))
			.andExpect(jsonPath("$.content[0].containerList").doesNotExist())
			.andExpect(jsonPath("$.page").value(1))
			.andExpect(jsonPath("$.size").value(5))
			.andExpect(jsonPath("$.totalElements").value(6))
			.andExpect(jsonPath("$.totalPages").value(2));
		verify(this.jobs).findByStateIn(List.of(JobState.CREATED, JobState.FAILED),
				PageRequest.of(1, 5,
						org.springframework.data.domain.Sort.by(
								org.springframework.data.domain.Sort.Order.desc("createdAt"),
								org.springframework.data.domain.Sort.Order.asc("id"))));
	}

	@Test
	void listWithAnEmptyStateListsAllJobs() throws Exception {
		given(this.jobs.findAll(any(Pageable.class))).willReturn(new PageImpl<>(List.of(), PageRequest.of(0, 20), 0));

		this.mvc.perform(get("/api/jobs?state=").with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.totalElements").value(0));
		verify(this.jobs).findAll(any(Pageable.class));
	}

	@Test
	void listRefusesAnUnknownStateNamingTheValidOnes() throws Exception {
		this.mvc.perform(get("/api/jobs?state=SLEEPING").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("state"))
			.andExpect(jsonPath("$.errors[0].message").value(containsString("RUNNING")));
	}

	@Test
	void listRefusesAnOversizedPage() throws Exception {
		this.mvc.perform(get("/api/jobs?size=201").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("size"));
	}

	@Test
	void startByTheOwnerDeploys() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/api/jobs/{id}/start", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("DEPLOYING"))
			.andExpect(jsonPath("$.stateReason").value("started by alice"));
		verify(this.jobs).save(job);
	}

	@Test
	void startOfARunningJobIs409NamingBothStates() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		job.assignTo("agent-1", WebSecurityTestConfiguration.NOW);
		job.markRunning(WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/api/jobs/{id}/start", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value("Invalid job state transition from RUNNING to DEPLOYING"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void stopByAnotherUserIs403AndChangesNothing() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/api/jobs/{id}/stop", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("owned by alice")));
		assertThat(job.getState()).isEqualTo(JobState.DEPLOYING);
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void stopByAnAdminOfSomeoneElsesJobWorks() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(post("/api/jobs/{id}/stop", job.getId()).with(httpBasic("root", "root-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.state").value("COMPLETED"))
			.andExpect(jsonPath("$.stateReason").value("stopped by root before it was placed on an agent"));
	}

	@Test
	void deleteOfAnActiveJobIs409AndDeletesNothing() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isConflict())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(containsString("DEPLOYING")));
		verify(this.jobs, never()).delete(any(Job.class));
		verify(this.containers, never()).deleteByJobId(anyString());
	}

	@Test
	void deleteByAnotherUserIs403() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isForbidden());
		verify(this.jobs, never()).delete(any(Job.class));
	}

	@Test
	void deleteOfAnInactiveJobIs204() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNoContent());
		verify(this.containers).deleteByJobId(job.getId());
		verify(this.jobs).delete(job);
	}

	@Test
	void topicSettingsAreStoredAndShownAndDefaultToThreePartitionsAndKeep() throws Exception {
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(VALID))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.partitions").value(3))
			.andExpect(jsonPath("$.replicationFactor").value(nullValue()))
			.andExpect(jsonPath("$.retentionHours").value(nullValue()))
			.andExpect(jsonPath("$.topicCleanup").value("keep"));

		String withTopic = VALID.replace("\"containers\": 2,", """
				"containers": 2, "partitions": 6, "replicationFactor": 1, "retentionHours": 168,
				"topicCleanup": "delete-with-job",""");
		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(withTopic))
			.andExpect(status().isCreated())
			.andExpect(jsonPath("$.partitions").value(6))
			.andExpect(jsonPath("$.replicationFactor").value(1))
			.andExpect(jsonPath("$.retentionHours").value(168))
			.andExpect(jsonPath("$.topicCleanup").value("delete-with-job"));
	}

	@Test
	void wrongTopicSettingsAreFieldErrorsAndNothingIsStored() throws Exception {
		String wrong = VALID.replace("\"containers\": 2,", """
				"containers": 2, "partitions": 0, "replicationFactor": 0, "retentionHours": 0,
				"topicCleanup": "purge",""");

		this.mvc
			.perform(post("/api/jobs").with(httpBasic("alice", "alice-pw"))
				.contentType(MediaType.APPLICATION_JSON)
				.content(wrong))
			.andExpect(status().isBadRequest())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.errors", hasSize(4)))
			.andExpect(jsonPath("$.errors[0].field").value("partitions"))
			.andExpect(jsonPath("$.errors[0].message").value("must be between 1 and 1000"))
			.andExpect(jsonPath("$.errors[1].field").value("replicationFactor"))
			.andExpect(jsonPath("$.errors[2].field").value("retentionHours"))
			.andExpect(jsonPath("$.errors[3].field").value("topicCleanup"))
			.andExpect(jsonPath("$.errors[3].message").value("must be keep, delete-with-job or truncate-before-run"));
		verify(this.jobs, never()).save(any(Job.class));
	}

	@Test
	void deleteWithJobDeletesTheTopicFirstAndKeepsTheJobWith409WhenTheBrokerRefuses() throws Exception {
		Job job = TestJobs.job(TestJobs.request().topicCleanup("delete-with-job").build(), "alice",
				WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.topics.delete("sample-data")).willReturn("the broker answered Topic deletion is disabled.");

		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.detail").value(containsString("Topic deletion is disabled")));
		verify(this.jobs, never()).delete(any(Job.class));

		given(this.topics.delete("sample-data")).willReturn(null);
		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNoContent());
		verify(this.jobs).delete(job);
	}

	@Test
	void deleteWithJobKeepsATopicAnotherJobNamesAndKeepNeverAsksTheBroker() throws Exception {
		Job job = TestJobs.job(TestJobs.request().topicCleanup("delete-with-job").build(), "alice",
				WebSecurityTestConfiguration.NOW);
		Job other = TestJobs.job("bob", WebSecurityTestConfiguration.NOW);
		Job kept = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.jobs.findById(kept.getId())).willReturn(Optional.of(kept));
		given(this.jobs.findTop3ByTopicAndIdNot("sample-data", job.getId())).willReturn(List.of(other));

		this.mvc.perform(delete("/api/jobs/{id}", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNoContent());
		this.mvc.perform(delete("/api/jobs/{id}", kept.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNoContent());

		verify(this.jobs).delete(job);
		verify(this.jobs).delete(kept);
		verify(this.topics, never()).delete(anyString());
	}

	@Test
	void eventsListTheTimelineOldestFirst() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		job.start("started by alice", WebSecurityTestConfiguration.NOW.plusSeconds(1));
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));

		this.mvc.perform(get("/api/jobs/{id}/events", job.getId()).with(httpBasic("bob", "bob-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$", hasSize(2)))
			.andExpect(jsonPath("$[0].from").value(nullValue()))
			.andExpect(jsonPath("$[0].to").value("CREATED"))
			.andExpect(jsonPath("$[1].from").value("CREATED"))
			.andExpect(jsonPath("$[1].to").value("DEPLOYING"))
			.andExpect(jsonPath("$[1].reason").value("started by alice"))
			.andExpect(jsonPath("$[1].at").value("2026-05-01T10:00:01Z"))
			.andExpect(jsonPath("$[1].runNumber").value(1));
	}

	@Test
	void concurrentChangeIs409() throws Exception {
		Job job = TestJobs.job("alice", WebSecurityTestConfiguration.NOW);
		given(this.jobs.findById(job.getId())).willReturn(Optional.of(job));
		given(this.jobs.save(job)).willThrow(new ObjectOptimisticLockingFailureException(Job.class, job.getId()));

		this.mvc.perform(post("/api/jobs/{id}/start", job.getId()).with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isConflict())
			.andExpect(jsonPath("$.title").value("Concurrent change"));
	}

	@Test
	void unexpectedErrorIs500ProblemWithoutInternals() throws Exception {
		given(this.jobs.findById(anyString())).willThrow(new IllegalStateException("secret internals"));

		this.mvc.perform(get("/api/jobs/{id}", "x").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isInternalServerError())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.detail").value(org.hamcrest.Matchers.not(containsString("secret"))));
	}

	@Test
	void unknownPathUnderApiIs404Problem() throws Exception {
		this.mvc.perform(get("/api/nothing-here").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isNotFound())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
	}

}
