package dev.dcf.handler.logs;

import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.TestJobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;

/**
 * Kept container outputs on the real schema (H2, Flyway, the foreign key to the job):
 * newest per container, replaced by a later exit, the newest ten runs only, nothing for
 * an unknown job, gone with the job.
 */
@DataJpaTest(showSql = false)
@Import(ContainerLogService.class)
class ContainerLogServiceTests {

	private static final Instant T0 = Instant.parse("2026-05-01T10:00:00Z");

	@Autowired
	ContainerLogService logs;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	TestEntityManager entities;

	@MockitoBean
	JobService jobs;

	private Job job;

	@BeforeEach
	void aJob() {
		given(this.jobs.exists(anyString()))
			.willAnswer((invocation) -> this.jobRepository.existsById(invocation.getArgument(0)));
		this.job = this.jobRepository.save(TestJobs.job("alice", T0));
	}

	@Test
	void theNewestRunsOutputOfEachContainerIsReadBackLineByLine() {
		this.logs.keep(exit(1, 0, "old\n", 0));
		this.logs.keep(exit(2, 0, "line 1\nline 2\n", 5));
		this.logs.keep(exit(1, 1, "only in run 1", 6));

		assertThat(this.logs.newest(this.job.getId(), 0)).hasValueSatisfying((kept) -> {
			assertThat(kept.runNumber()).isEqualTo(2);
			assertThat(kept.lines()).containsExactly("line 1", "line 2");
			assertThat(kept.text()).isEqualTo("line 1\nline 2\n");
			assertThat(kept.exitCode()).isEqualTo(1);
		});
		assertThat(this.logs.newestOfEachContainer(this.job.getId()))
			.extracting(KeptOutput::index, KeptOutput::runNumber)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(0, 2), org.assertj.core.groups.Tuple.tuple(1, 1));
		assertThat(this.logs.newest(this.job.getId(), 5)).isEmpty();
	}

	@Test
	void aLaterExitOfTheSameContainerReplacesItsLinesAndAnOlderReportChangesNothing() {
		this.logs.keep(exit(1, 0, "first crash", 10));
		this.logs.keep(exit(1, 0, "second crash", 20));
		this.logs.keep(exit(1, 0, "a late copy of the first", 10));

		assertThat(this.logs.newest(this.job.getId(), 0)).map(KeptOutput::lines).hasValue(List.of("second crash"));
	}

	@Test
	void onlyTheNewestTenRunsKeepTheirOutput() {
		IntStream.rangeClosed(1, 12).forEach((run) -> this.logs.keep(exit(run, 0, "run " + run, run)));
		this.logs.keep(exit(2, 1, "a late report of a dropped run", 30));
		this.entities.flush();
		this.entities.clear();

		assertThat(this.entities.getEntityManager()
			.createQuery("select l.runNumber from ContainerLog l", Integer.class)
			.getResultList()
			.stream()
			.sorted()
			.collect(Collectors.toList())).containsExactly(3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
	}

	@Test
	void nothingIsKeptForAnUnknownJobWhichIsNotFound() {
		this.logs.keep(new ExitOutput("no-such-job", 1, 0, 1, "lost", T0));

		assertThatExceptionOfType(JobNotFoundException.class).isThrownBy(() -> this.logs.newest("no-such-job", 0));
		assertThat(this.logs.newestOfEachContainer("no-such-job")).isEmpty();
	}

	@Test
	void theOutputGoesWithItsJob() {
		this.logs.keep(exit(1, 0, "bye", 1));
		this.entities.flush();

		this.jobRepository.delete(this.job);
		this.entities.flush();
		this.entities.clear();

		assertThat(this.entities.getEntityManager()
			.createQuery("select count(l) from ContainerLog l", Long.class)
			.getSingleResult()).isZero();
	}

	@Test
	void lastKeepsTheEndOfTheLines() {
		KeptOutput kept = new KeptOutput("j", 1, 0, 1, T0, List.of("a", "b", "c"));

		assertThat(kept.last(2).lines()).containsExactly("b", "c");
		assertThat(kept.last(5)).isSameAs(kept);
		assertThat(KeptOutput.lines("")).isEmpty();
		assertThat(KeptOutput.lines("x\n\ny")).containsExactly("x", "", "y");
	}

	private ExitOutput exit(int run, int index, String output, int second) {
		return new ExitOutput(this.job.getId(), run, index, 1, output, T0.plusSeconds(second));
	}

}
