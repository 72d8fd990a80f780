package dev.dcf.handler.api;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.Objects;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.FieldViolation;
import dev.dcf.handler.job.InvalidJobRequestException;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobBulk;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobSearch;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobSorts;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.schedule.RecurringSchedules;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.ThroughputView;

/**
 * {@code /api/jobs}: a thin wrapper over {@link JobService}.
 */
@RestController
@RequestMapping("/api/jobs")
class JobController {

	static final int MAX_PAGE_SIZE = 200;

	static final Duration MAX_WAIT = Duration.ofMinutes(5);

	private final JobService jobs;

	private final JobRemoval removal;

	private final ThroughputService throughput;

	private final JobWaits waits;

	private final RecurringSchedules schedules;

	private final JobBulk bulk;

	JobController(JobService jobs, JobRemoval removal, ThroughputService throughput, JobWaits waits,
			RecurringSchedules schedules, JobBulk bulk) {
		this.bulk = bulk;
		this.throughput = throughput;
		this.waits = waits;
		this.schedules = schedules;
		this.jobs = jobs;
		this.removal = removal;
	}

	@PostMapping
	ResponseEntity<JobView> create(@RequestBody JobRequest request, Authentication user) {
		Job job = this.jobs.create(request, user.getName());
		URI location = ServletUriComponentsBuilder.fromCurrentRequestUri()
			.path("/{id}")
			.buildAndExpand(job.getId())
			.toUri();
		return ResponseEntity.created(location)
			.body(JobView.of(job, List.of(), null).withNextStarts(job, this.schedules.nextStarts(job)));
	}

	@GetMapping
	JobPage list(@RequestParam(name = "state", required = false) List<JobState> states,
			@RequestParam(required = false) String q, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw new InvalidParameterException("page", "must be 0 or more");
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw new InvalidParameterException("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		Sort order = JobSorts.parse(sort);
		if (order == null) {
			throw new InvalidParameterException("sort", "must be one of " + JobSorts.COLUMNS.keySet()
					+ ", optionally followed by ,asc or ,desc (e.g. name,asc)");
		}
		PageRequest pageable = PageRequest.of(page, size, order);
		// "?state=" (empty) means no filter
		List<JobState> filter = (states != null) ? states.stream().filter(Objects::nonNull).toList() : List.of();
		return JobPage.of(this.jobs.search(new JobSearch(q, owner, filter), pageable));
	}

	/**
	 * A copy of the job owned by the caller, not started; secret values are not copied.
	 */
	@PostMapping("/{id}/clone")
	ResponseEntity<JobView> cloneJob(@PathVariable String id, Authentication user) {
		Job job = this.jobs.clone(id, Actors.of(user));
		URI location = ServletUriComponentsBuilder.fromCurrentContextPath()
			.path("/api/jobs/{id}")
			.buildAndExpand(job.getId())
			.toUri();
		return ResponseEntity.created(location).body(JobView.of(job, List.of(), null));
	}

	/**
	 * One action over many jobs, each in its own transaction under the single action's
	 * rules: one outcome per job.
	 */
	@PostMapping("/bulk")
	BulkResponse bulk(@RequestBody BulkRequest request, Authentication user) {
		JobBulk.Action action = JobBulk.Action.parse(request.action());
		if (action == null) {
			throw new InvalidJobRequestException(
					List.of(new FieldViolation("action", "must be start, stop or delete")));
		}
		if (request.ids() == null || request.ids().isEmpty() || request.ids().size() > JobBulk.MAX_IDS) {
			throw new InvalidJobRequestException(
					List.of(new FieldViolation("ids", "must list 1 to " + JobBulk.MAX_IDS + " job ids")));
		}
		if (request.ids().stream().anyMatch((id) -> id == null || id.isBlank())) {
			throw new InvalidJobRequestException(List.of(new FieldViolation("ids", "must not contain blank ids")));
		}
		List<BulkOutcomeView> results = this.bulk.apply(action, request.ids(), Actors.of(user))
			.stream()
			.map(BulkOutcomeView::of)
			.toList();
		return new BulkResponse(action.label(), results);
	}

	/**
	 * The body of a bulk action.
	 *
	 * @param action {@code start}, {@code stop} or {@code delete}
	 * @param ids the jobs
	 */
	record BulkRequest(String action, List<String> ids) {
	}

	/**
	 * The outcome of a bulk action.
	 *
	 * @param action the action
	 * @param results one per distinct job id, in the order given
	 */
	record BulkResponse(String action, List<BulkOutcomeView> results) {
	}

	@GetMapping("/{id}")
	JobView get(@PathVariable String id) {
		Job job = this.jobs.get(id);
		OptionalLong produced = this.jobs.recordsProduced(job);
		return JobView.of(job, this.jobs.containers(id), produced.isPresent() ? produced.getAsLong() : null)
			.withNextStarts(job, this.schedules.nextStarts(job));
	}

	/**
	 * The job once it is in {@code waitFor}, or its run ended in another state, or after
	 * {@code timeout} (default 30 s, at most 5 min): a client waits without polling and
	 * compares the answer's {@code state}.
	 */
	@GetMapping(path = "/{id}", params = "waitFor")
	DeferredResult<JobView> waitFor(@PathVariable String id, @RequestParam JobState waitFor,
			@RequestParam(defaultValue = "30s") String timeout) {
		Duration wait = waitTimeout(timeout);
		this.jobs.get(id); // 404 at once for an unknown job
		return this.waits.await(id, waitFor, wait, () -> this.jobs.get(id).getState(), () -> get(id));
	}

	@GetMapping("/{id}/throughput")
	ThroughputView throughput(@PathVariable String id) {
		return this.throughput.view(this.jobs.get(id));
	}

	private static Duration waitTimeout(String text) {
		Duration wait;
		try {
			wait = DurationStyle.detectAndParse(text.strip());
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("timeout", "must be a duration such as 30s or 2m, not " + text);
		}
		if (wait.isNegative() || wait.compareTo(MAX_WAIT) > 0) {
			throw new InvalidParameterException("timeout", "must be between 0s and " + MAX_WAIT.toMinutes() + "m");
		}
		return wait;
	}

	@PostMapping("/{id}/start")
	JobView start(@PathVariable String id, Authentication user) {
		Job job = this.jobs.start(id, Actors.of(user));
		return JobView.of(job).withNextStarts(job, this.schedules.nextStarts(job));
	}

	@PostMapping("/{id}/stop")
	JobView stop(@PathVariable String id, Authentication user) {
		return JobView.of(this.jobs.stop(id, Actors.of(user)));
	}

	@DeleteMapping("/{id}")
	ResponseEntity<Void> delete(@PathVariable String id, Authentication user) {
		this.removal.delete(id, Actors.of(user));
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/{id}/events")
	List<JobEventView> events(@PathVariable String id) {
		return this.jobs.events(id).stream().map(JobEventView::of).toList();
	}

}
