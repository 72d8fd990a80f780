package dev.dcf.handler.audit;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobOperationsTestConfiguration;
import dev.dcf.handler.job.JobRepository;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobTopics;
import dev.dcf.handler.job.TestJobs;
import dev.dcf.handler.job.TopicOffsets;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The audit log over the real database, filled from the real job service's events; the
 * test runs outside a transaction, so every action commits (or not) as in the handler.
 */
@DataJpaTest(showSql = false)
@Transactional(propagation = Propagation.NOT_SUPPORTED)
@Import({ JobOperationsTestConfiguration.class, AuditService.class, AuditListener.class })
class AuditLogTests {

	@Autowired
	private JobService jobs;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	private AuditService audit;

	@Autowired
	private ApplicationEventPublisher events;

	@MockitoBean
	private TopicOffsets offsets;

	@MockitoBean
	private JobTopics topics;

	@Test
	void aDeletedJobsHistoryStaysInTheAuditLog() {
		String owner = "alice-" + UUID.randomUUID().toString().substring(0, 8);
		Actor alice = new Actor(owner, false);
		Job job = this.jobs.create(TestJobs.request().name("audited").build(), owner);
		this.jobs.start(job.getId(), alice);
		this.jobs.stop(job.getId(), alice);
		Job copy = this.jobs.clone(job.getId(), alice);
		this.jobs.delete(job.getId(), new Actor("root", true));

		assertThat(this.jobRepository.existsById(job.getId())).isFalse();
		List<AuditEntry> history = this.audit.search(new AuditQuery(null, null, job.getId(), null, null), 0, 50)
			.getContent();
		assertThat(history).extracting(AuditEntry::getAction)
			.as("newest first")
			.containsExactly("delete", "stop", "start", "create");
		assertThat(history).extracting(AuditEntry::getActor).containsExactly("root", owner, owner, owner);
		assertThat(history).allSatisfy((entry) -> {
			assertThat(entry.getTargetType()).isEqualTo("job");
			assertThat(entry.getTargetName()).isEqualTo("audited");
			assertThat(entry.getAt()).isEqualTo(JobOperationsTestConfiguration.NOW);
		});
		assertThat(this.audit.search(new AuditQuery(owner, AuditAction.CLONE, null, null, null), 0, 50)).singleElement()
			.satisfies((entry) -> {
				assertThat(entry.getTargetId()).isEqualTo(copy.getId());
				assertThat(entry.getDetail()).contains(job.getId());
			});
	}

	@Test
	void aRefusedActionLeavesNoEntry() {
		String owner = "owner-" + UUID.randomUUID().toString().substring(0, 8);
		Job job = this.jobs.create(TestJobs.request().name("not yours").build(), owner);

		try {
			this.jobs.stop(job.getId(), new Actor("mallory", false));
		}
		catch (RuntimeException expected) {
			// not the owner
		}

		assertThat(this.audit.search(new AuditQuery("mallory", null, null, null, null), 0, 50)).isEmpty();
	}

	@Test
	void aFailedLoginIsRecordedWithTheNameTried() {
		String name = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
		this.events.publishEvent(new AuthenticationFailureBadCredentialsEvent(
				UsernamePasswordAuthenticationToken.unauthenticated(name, "guess"),
				new BadCredentialsException("Bad credentials")));

		assertThat(this.audit.search(new AuditQuery(name, AuditAction.LOGIN_FAILURE, null, null, null), 0, 50))
			.singleElement()
			.satisfies((entry) -> {
				assertThat(entry.getTargetType()).isEqualTo("user");
				assertThat(entry.getDetail()).isEqualTo("Bad credentials");
			});
	}

	@Test
	void theLogFiltersByTime() {
		String name = "timed-" + UUID.randomUUID().toString().substring(0, 8);
		Instant t = Instant.parse("2026-04-01T00:00:00Z");
		this.audit.record(t, name, AuditAction.DRAIN, "agent", "a1", null, null);
		this.audit.record(t.plusSeconds(60), name, AuditAction.UNDRAIN, "agent", "a1", null, null);

		assertThat(this.audit.search(new AuditQuery(name, null, "A1", t.plusSeconds(1), null), 0, 50))
			.extracting(AuditEntry::getAction)
			.containsExactly("undrain");
		assertThat(this.audit.search(new AuditQuery(name, null, null, null, t.plusSeconds(60)), 0, 50))
			.extracting(AuditEntry::getAction)
			.containsExactly("drain");
	}

}
