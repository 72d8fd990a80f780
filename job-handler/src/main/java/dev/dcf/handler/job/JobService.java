package dev.dcf.handler.job;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Collectors;

import dev.dcf.handler.secret.SecretCipher;
import dev.dcf.handler.secret.SecretsConfiguration;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The entry point for everything users do with jobs (REST API and GUI). Each method is
 * one transaction; time comes from the injected {@link Clock}. Only the owner of a job or
 * an administrator may start, stop or delete it; everybody may see every job.
 */
@Service
@Import(SecretsConfiguration.class)
@Transactional
public class JobService {

	private final JobRepository jobs;

	private final JobContainerRepository containers;

	private final JobRequestValidator validator;

	private final ApplicationEventPublisher events;

	private final RecordsProduced recordsProduced;

	private final Clock clock;

	private final SecretCipher cipher;

	public JobService(JobRepository jobs, JobContainerRepository containers, JobRequestValidator validator,
			ApplicationEventPublisher events, Clock clock, RecordsProduced recordsProduced, SecretCipher cipher) {
		this.cipher = cipher;
		this.recordsProduced = recordsProduced;
		this.jobs = jobs;
		this.containers = containers;
		this.validator = validator;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Stores a new job, and starts it if the request says {@code "start": true}.
	 * @param request the request, not yet validated
	 * @param owner the user creating it
	 * @return the stored job
	 * @throws InvalidJobRequestException if the request breaks a rule; nothing is stored
	 */
	public Job create(JobRequest request, String owner) {
		this.validator.require(request);
		Instant now = this.clock.instant();
		Job job = new Job(SecretEnv.encrypted(this.validator.withDefaults(request), this.cipher), owner, now);
		if (request.startNow()) {
			startOrArm(job, "started by " + owner + " on creation", now);
		}
		job = this.jobs.save(job);
		audit("create", job, owner, request.startNow() ? "started: " + job.getState() : null);
		return job;
	}

	/**
	 * Creates a copy of a job owned by the actor, not started; secret values are not
	 * copied ({@link JobCopy}).
	 * @param id the job to copy
	 * @param actor who asks (anybody may copy any job)
	 * @return the new job
	 * @throws JobNotFoundException if there is none
	 * @throws InvalidJobRequestException if the copy breaks a rule that changed since
	 */
	public Job clone(String id, Actor actor) {
		Job original = find(id);
		JobRequest request = JobCopy.request(original);
		this.validator.require(request);
		Instant now = this.clock.instant();
		Job job = new Job(SecretEnv.encrypted(this.validator.withDefaults(request), this.cipher), actor.name(), now);
		job.note("cloned from job " + original.getId() + " (" + original.getName() + ")", now);
		job = this.jobs.save(job);
		audit("clone", job, actor.name(), "from job " + original.getId() + " (" + original.getName() + ")");
		return job;
	}

	/**
	 * One page of the jobs a search finds.
	 * @param search the criteria
	 * @param pageable the page and its order
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Page<Job> search(JobSearch search, Pageable pageable) {
		if (search.byStateOnly()) {
			return list(search.states(), pageable);
		}
		return this.jobs.findAll(search.toSpecification(), pageable);
	}

	/**
	 * One page of jobs, newest first unless the pageable sorts otherwise.
	 * @param states only jobs in these states; all jobs if {@code null} or empty
	 * @param pageable the page
	 * @return the page
	 */
	@Transactional(readOnly = true)
	public Page<Job> list(Collection<JobState> states, Pageable pageable) {
		if (states == null || states.isEmpty()) {
			return this.jobs.findAll(pageable);
		}
		return this.jobs.findByStateIn(states, pageable);
	}

	/**
	 * One job.
	 * @param id the job id
	 * @return the job
	 * @throws JobNotFoundException if there is none
	 */
	@Transactional(readOnly = true)
	public Job get(String id) {
		return find(id);
	}

	/**
	 * Whether a job exists (without failing the caller's transaction when it does not).
	 * @param id the job id
	 * @return whether there is such a job
	 */
	@Transactional(readOnly = true)
	public boolean exists(String id) {
		return this.jobs.existsById(id);
	}

	/**
	 * Starts a job (a new run if it had finished).
	 * @param id the job id
	 * @param actor who asks
	 * @return the job, now SCHEDULED or DEPLOYING
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws IllegalJobTransitionException if the job is RUNNING or STOPPING
	 */
	public Job start(String id, Actor actor) {
		Job job = findControllable(id, actor);
		startOrArm(job, "started by " + actor.name(), this.clock.instant());
		job = this.jobs.save(job);
		audit("start", job, actor.name(), job.getState().name());
		return job;
	}

	/** A job with a schedule starts its runs at its firings: starting it arms them. */
	private static void startOrArm(Job job, String reason, Instant now) {
		if (job.getSchedule() != null) {
			job.armSchedule(reason + ": schedule armed", now);
		}
		else {
			job.start(reason, now);
		}
	}

	/**
	 * Pauses a job's schedule: no firing starts a run until it is resumed; the current
	 * run goes on. Idempotent.
	 * @param id the job id
	 * @param actor who asks
	 * @return the job
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job has no schedule
	 */
	public Job pauseSchedule(String id, Actor actor) {
		Job job = findControllable(id, actor);
		job.disarmSchedule("schedule paused by " + actor.name(), this.clock.instant());
		return this.jobs.save(job);
	}

	/**
	 * Resumes (arms) a job's schedule: the next firing starts a run; firings while it was
	 * paused are not made up for. Idempotent.
	 * @param id the job id
	 * @param actor who asks
	 * @return the job
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job has no schedule
	 */
	public Job resumeSchedule(String id, Actor actor) {
		Job job = findControllable(id, actor);
		job.armSchedule("schedule resumed by " + actor.name(), this.clock.instant());
		return this.jobs.save(job);
	}

	/**
	 * Stops a job; see {@link Job#requestStop} for what each state becomes. Idempotent.
	 * @param id the job id
	 * @param actor who asks
	 * @return the job
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 */
	public Job stop(String id, Actor actor) {
		Job job = findControllable(id, actor);
		job.requestStop("stopped by " + actor.name(), this.clock.instant());
		job = this.jobs.save(job);
		audit("stop", job, actor.name(), job.getState().name());
		return job;
	}

	/**
	 * What deleting a job means for its topic, checked before anything is deleted (see
	 * {@link JobRemoval}).
	 * @param id the job id
	 * @param actor who asks
	 * @return the topic to delete with the job, or why it is kept ({@code null} fields
	 * when the job keeps its topic anyway)
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job is DEPLOYING, RUNNING or STOPPING
	 */
	@Transactional(readOnly = true)
	public TopicFate topicFate(String id, Actor actor) {
		Job job = findControllable(id, actor);
		requireDeletable(job);
		if (job.getTopicCleanup() != TopicCleanup.DELETE_WITH_JOB) {
			return new TopicFate(job.getTopic(), false, null);
		}
		List<Job> others = this.jobs.findTop3ByTopicAndIdNot(job.getTopic(), id);
		if (!others.isEmpty()) {
			return new TopicFate(job.getTopic(), false,
					"topic " + job.getTopic() + " kept: job(s) "
							+ others.stream()
								.map((other) -> "\"" + other.getName() + "\" (" + other.getId() + ")")
								.collect(Collectors.joining(", "))
							+ " also write to it");
		}
		return new TopicFate(job.getTopic(), true, null);
	}

	/**
	 * Deletes a job that is not active, with its timeline and containers.
	 * @param id the job id
	 * @param actor who asks
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job is DEPLOYING, RUNNING or STOPPING
	 */
	public void delete(String id, Actor actor) {
		Job job = findControllable(id, actor);
		requireDeletable(job);
		this.containers.deleteByJobId(id);
		this.jobs.delete(job);
		this.events.publishEvent(new JobDeleted(id, actor.name(), this.clock.instant()));
		audit("delete", job, actor.name(), null);
	}

	/**
	 * The timeline of a job, oldest first.
	 * @param id the job id
	 * @return the events of all runs
	 * @throws JobNotFoundException if there is none
	 */
	@Transactional(readOnly = true)
	public List<JobEvent> events(String id) {
		return List.copyOf(find(id).getEvents());
	}

	/**
	 * The containers of the job's current run, by index.
	 * @param id the job id
	 * @return the containers the agent has reported so far
	 * @throws JobNotFoundException if there is none
	 */
	@Transactional(readOnly = true)
	public List<JobContainer> containers(String id) {
		Job job = find(id);
		return this.containers.findByJobIdAndRunNumberOrderByIndex(id, job.getRunNumber());
	}

	/**
	 * The containers of one run of a job, by index.
	 * @param id the job id
	 * @param runNumber the run
	 * @return the containers its agents reported (none for an unknown run)
	 */
	@Transactional(readOnly = true)
	public List<JobContainer> containers(String id, int runNumber) {
		return this.containers.findByJobIdAndRunNumberOrderByIndex(id, runNumber);
	}

	/**
	 * Starts a new run of an ended job that runs exactly the given image (see
	 * {@link Job#startPinned}).
	 * @param id the job id
	 * @param image a repo digest or image id an agent reported for an earlier run
	 * @param why what is repeated, for the timeline, e.g. "run 1 again identically"
	 * @param actor who asks
	 * @return the job, now SCHEDULED or DEPLOYING
	 * @throws JobNotFoundException if there is none
	 * @throws NotJobOwnerException if the actor may not control the job
	 * @throws JobConflictException if the job has not ended
	 */
	public Job startPinned(String id, String image, String why, Actor actor) {
		Job job = findControllable(id, actor);
		job.startPinned(image, why + ", started by " + actor.name(), this.clock.instant());
		job = this.jobs.save(job);
		audit("start", job, actor.name(), why + ", pinned to image " + image);
		return job;
	}

	/**
	 * The records the job's current run produced (see {@link RecordsProduced}).
	 * @param job the job
	 * @return the count, empty if unknown
	 */
	public OptionalLong recordsProduced(Job job) {
		return this.recordsProduced.of(job);
	}

	private void audit(String action, Job job, String actor, String detail) {
		this.events
			.publishEvent(new JobActionTaken(action, job.getId(), job.getName(), actor, detail, this.clock.instant()));
	}

	private Job find(String id) {
		return this.jobs.findById(id).orElseThrow(() -> new JobNotFoundException(id));
	}

	private static void requireDeletable(Job job) {
		if (job.getState().isActive()) {
			throw new JobConflictException("Job " + job.getId() + " is " + job.getState()
					+ " and cannot be deleted; stop it and wait until it has stopped");
		}
	}

	/**
	 * What happens to a job's topic when the job is deleted.
	 *
	 * @param topic the topic
	 * @param delete whether it is to be deleted with the job
	 * @param keptBecause why a {@code delete-with-job} topic is kept anyway, else
	 * {@code null}
	 */
	public record TopicFate(String topic, boolean delete, String keptBecause) {

	}

	private Job findControllable(String id, Actor actor) {
		Job job = find(id);
		if (!actor.mayControl(job)) {
			throw new NotJobOwnerException(actor.name(), job);
		}
		return job;
	}

}
