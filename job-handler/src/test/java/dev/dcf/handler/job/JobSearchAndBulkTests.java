package dev.dcf.handler.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Searching and bulk actions over the real database: every service call is a transaction
 * of its own, as in the running handler (the test runs outside one). Each test uses its
 * own names and owners, since the rows stay.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import(JobOperationsTestConfiguration.class)
class JobSearchAndBulkTests {

	@Autowired
	private JobService service;

	@Autowired
	private JobBulk bulk;

	@Autowired
	private JobRepository jobs;

	@MockitoBean
	private TopicOffsets offsets;

	@MockitoBean
	private JobTopics topics;

	@Test
	void aJobIsFoundAmongAThousandByPartOfItsNameIgnoringCase() {
		String tag = unique();
		List<Job> many = new ArrayList<>();
		IntStream.range(0, 1000)
			.forEach((i) -> many.add(TestJobs.job(TestJobs.request().name(tag + "-load-" + i).build(), "carol",
					JobOperationsTestConfiguration.NOW)));
		Job needle = TestJobs.job(TestJobs.request().name(tag + "-Needle-Orders").build(), "carol",
				JobOperationsTestConfiguration.NOW);
		many.add(needle);
		this.jobs.saveAll(many);

		Page<Job> found = this.service.search(new JobSearch(tag + "-nEEDLE", null, List.of()), PageRequest.of(0, 20));
		Page<Job> all = this.service.search(new JobSearch(tag, "carol", List.of(JobState.CREATED)),
				PageRequest.of(0, 20));

		assertThat(found.getContent()).extracting(Job::getId).containsExactly(needle.getId());
		assertThat(all.getTotalElements()).isEqualTo(1001);
	}

	@Test
	void theSearchMatchesImageAndTopicAndFiltersByOwner() {
		String tag = unique();
		Job byImage = save(TestJobs.request().name("a").image("registry.example/" + tag + "/gen:1"), "dave");
		Job byTopic = save(TestJobs.request().name("b").topic("orders-" + tag), "erin");

		assertThat(this.service.search(new JobSearch(tag.toUpperCase(), null, List.of()), PageRequest.of(0, 20)))
			.extracting(Job::getId)
			.containsExactlyInAnyOrder(byImage.getId(), byTopic.getId());
		assertThat(this.service.search(new JobSearch(tag, "erin", List.of()), PageRequest.of(0, 20)))
			.extracting(Job::getId)
			.containsExactly(byTopic.getId());
	}

	@Test
	void resultsSortByNameEitherWay() {
		String tag = unique();
		for (String name : List.of("charlie", "Alpha", "bravo")) {
			save(TestJobs.request().name(tag + "-" + name), "frank");
		}
		JobSearch search = new JobSearch(tag, null, List.of());

		List<String> ascending = this.service
			.search(search, PageRequest.of(0, 20, Sort.by(Sort.Order.asc("name").ignoreCase())))
			.map(Job::getName)
			.getContent();
		List<String> descending = this.service
			.search(search, PageRequest.of(0, 20, Sort.by(Sort.Order.desc("name").ignoreCase())))
			.map(Job::getName)
			.getContent();

		assertThat(ascending).containsExactly(tag + "-Alpha", tag + "-bravo", tag + "-charlie");
		assertThat(descending).containsExactly(tag + "-charlie", tag + "-bravo", tag + "-Alpha");
	}

	@Test
	void stoppingTwentySelectedJobsStopsExactlyThoseAndRefusesAJobTheUserMayNotTouch() {
		Actor alice = new Actor("alice-" + unique(), false);
		List<Job> scheduled = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			Job job = save(
					TestJobs.request().name("bulk-" + i).startAt(JobOperationsTestConfiguration.NOW.plusSeconds(3600)),
					alice.name());
			scheduled.add(this.service.start(job.getId(), alice));
		}
		Job bobs = save(TestJobs.request().name("bobs"), "bob");
		assertThat(scheduled).allSatisfy((job) -> assertThat(job.getState()).isEqualTo(JobState.SCHEDULED));
		List<String> selected = new ArrayList<>(scheduled.subList(0, 20).stream().map(Job::getId).toList());
		selected.add(10, bobs.getId());
		String missing = UUID.randomUUID().toString();
		selected.add(missing);

		List<JobBulk.Outcome> outcomes = this.bulk.apply(JobBulk.Action.STOP, selected, alice);

		assertThat(outcomes).extracting(JobBulk.Outcome::id).containsExactlyElementsOf(selected);
		assertThat(outcomes).filteredOn(JobBulk.Outcome::ok)
			.hasSize(20)
			.allSatisfy((outcome) -> assertThat(outcome.state()).isEqualTo(JobState.CREATED));
		assertThat(outcomes.get(10).failure()).isInstanceOf(NotJobOwnerException.class);
		assertThat(outcomes.get(21).failure()).isInstanceOf(JobNotFoundException.class);
		Map<String, JobState> states = new java.util.HashMap<>();
		this.jobs.findAllById(scheduled.stream().map(Job::getId).toList())
			.forEach((job) -> states.put(job.getId(), job.getState()));
		scheduled.subList(0, 20)
			.forEach((job) -> assertThat(states.get(job.getId())).as(job.getName()).isEqualTo(JobState.CREATED));
		scheduled.subList(20, 25)
			.forEach((job) -> assertThat(states.get(job.getId())).as(job.getName()).isEqualTo(JobState.SCHEDULED));
		assertThat(this.jobs.findById(bobs.getId())).hasValueSatisfying(
				(job) -> assertThat(job.getState()).as("bob's job is untouched").isEqualTo(JobState.CREATED));
	}

	@Test
	void aBulkDeleteDeletesWhatMayGoAndKeepsAnActiveJob() {
		Actor root = new Actor("root", true);
		Job idle = save(TestJobs.request().name("idle"), "gina");
		Job deploying = save(TestJobs.request().name("deploying").start(true), "gina");

		List<JobBulk.Outcome> outcomes = this.bulk.apply(JobBulk.Action.DELETE,
				List.of(idle.getId(), deploying.getId()), root);

		assertThat(outcomes.get(0).ok()).isTrue();
		assertThat(outcomes.get(1).failure()).isInstanceOf(JobConflictException.class);
		assertThat(this.jobs.existsById(idle.getId())).isFalse();
		assertThat(this.jobs.existsById(deploying.getId())).isTrue();
	}

	private Job save(TestJobs.Request request, String owner) {
		return this.service.create(request.build(), owner);
	}

	private static String unique() {
		return UUID.randomUUID().toString().substring(0, 8);
	}

}
