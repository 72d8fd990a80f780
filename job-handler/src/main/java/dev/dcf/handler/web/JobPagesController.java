package dev.dcf.handler.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.function.Function;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import dev.dcf.generator.engine.quickstart.Quickstarts;
import dev.dcf.handler.dryrun.DryRunService;
import dev.dcf.handler.dryrun.DryRunUnavailableException;
import dev.dcf.handler.job.Actor;
import dev.dcf.handler.job.InvalidJobRequestException;
import dev.dcf.handler.job.Job;
import dev.dcf.handler.job.JobConflictException;
import dev.dcf.handler.job.JobLimits;
import dev.dcf.handler.job.JobNotFoundException;
import dev.dcf.handler.job.JobRequest;
import dev.dcf.handler.job.JobRequestValidator;
import dev.dcf.handler.job.JobRemoval;
import dev.dcf.handler.job.JobSearch;
import dev.dcf.handler.job.JobService;
import dev.dcf.handler.job.JobSorts;
import dev.dcf.handler.job.TopicInspector;
import dev.dcf.handler.job.JobState;
import dev.dcf.handler.job.NotJobOwnerException;
import dev.dcf.handler.run.ReportFormat;
import dev.dcf.handler.run.RunCsv;
import dev.dcf.handler.run.RunNotFoundException;
import dev.dcf.handler.run.RunReport;
import dev.dcf.handler.run.RunService;
import dev.dcf.handler.throughput.ThroughputService;
import dev.dcf.handler.throughput.ThroughputView;
import dev.dcf.handler.job.TopicFacts;
import dev.dcf.handler.peek.RecordPeek;

/**
 * The job pages: the list (home), the new-job form, the detail page, the actions, and the
 * fragments the pages fetch when a live message arrives. A thin layer over
 * {@link JobService}; the rules (validation, who may do what, which state allows what)
 * are the service's, and a refusal comes back as a message on the page.
 */
@Controller
class JobPagesController {

	static final int DEFAULT_PAGE_SIZE = 20;

	static final int MAX_PAGE_SIZE = 100;

	/** Like the API: newest first, ties by id so pages are stable. */
	static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id"));

	private final JobService jobs;

	private final JobRemoval removal;

	private final TopicInspector topics;

	private final JobRequestValidator validator;

	private final JobLimits limits;

	private final RunService runs;

	private final Clock clock;

	private final ThroughputService throughput;

	private final DryRunService dryRuns;

	private final RecordPeek peek;

	JobPagesController(JobService jobs, JobRemoval removal, TopicInspector topics, JobRequestValidator validator,
			JobLimits limits, RunService runs, Clock clock, ThroughputService throughput, RecordPeek peek,
			DryRunService dryRuns) {
		this.runs = runs;
		this.throughput = throughput;
		this.peek = peek;
		this.dryRuns = dryRuns;
		this.removal = removal;
		this.topics = topics;
		this.jobs = jobs;
		this.validator = validator;
		this.limits = limits;
		this.clock = clock;
	}

	/**
	 * The jobs list: the whole page, or its results alone for htmx (the search, the state
	 * pills, the column headers, the page links) and for a live refresh, which has a path
	 * of its own ({@value JobListLinks#REFRESH_PATH}) so that it never takes the flash
	 * message meant for the page a confirmed action is about to load (Spring hands a
	 * flash message to the first request for its page).
	 */
	@GetMapping({ "/", JobListLinks.REFRESH_PATH })
	String list(@RequestParam(name = "state", required = false) List<JobState> states,
			@RequestParam(required = false) String q, @RequestParam(required = false) String owner,
			@RequestParam(required = false) String sort, @RequestParam(defaultValue = "0") int page,
			@RequestParam(defaultValue = "" + DEFAULT_PAGE_SIZE) int size,
			@RequestHeader(name = "HX-Request", defaultValue = "false") boolean htmx, HttpServletRequest request,
			Authentication user, Model model) {
		listModel(states, q, owner, sort, page, size, user, model);
		return (htmx || request.getRequestURI().endsWith(JobListLinks.REFRESH_PATH)) ? "jobs/results :: response"
				: "jobs/list";
	}

	private void listModel(List<JobState> states, String q, String owner, String sort, int page, int size,
			Authentication user, Model model) {
		List<JobState> filter = (states != null) ? states.stream().filter(Objects::nonNull).distinct().toList()
				: List.of();
		Sort order = JobSorts.parse(sort);
		PageRequest pageable = PageRequest.of(Math.max(0, page), Math.min(Math.max(1, size), MAX_PAGE_SIZE),
				(order != null) ? order : NEWEST_FIRST);
		Page<Job> found = this.jobs.search(new JobSearch(q, owner, filter), pageable);
		model.addAttribute("q", blankToNull(q));
		model.addAttribute("owner", blankToNull(owner));
		model.addAttribute("sort", (order != null) ? blankToNull(sort) : null);
		Function<Job, JobRow> toRow = rows(user);
		model.addAttribute("page", found.map(toRow::apply));
		model.addAttribute("rates", this.throughput.currentRates());
		model.addAttribute("totalRate", this.throughput.totalRate());
		model.addAttribute("filter", filter);
		model.addAttribute("states", JobState.values());
		model.addAttribute("size", pageable.getPageSize());
		model.addAttribute("links", new JobListLinks(blankToNull(q), blankToNull(owner),
				(order != null) ? blankToNull(sort) : null, filter, pageable.getPageNumber(), pageable.getPageSize()));
	}

	@GetMapping("/jobs/{id}/row")
	String row(@PathVariable String id, Authentication user, Model model) {
		model.addAttribute("row", rows(user).apply(this.jobs.get(id)));
		model.addAttribute("rates", this.throughput.currentRates());
		return "jobs/fragments :: row";
	}

	@GetMapping("/jobs/new")
	String newJob(Model model) {
		return form(JobForm.example(), model);
	}

	@GetMapping("/jobs/{id}/clone")
	String cloneJob(@PathVariable String id, Model model) {
		Job original = this.jobs.get(id);
		model.addAttribute("clonedFrom", original);
		return form(JobForm.copyOf(original), model);
	}

	@PostMapping("/jobs")
	String create(@ModelAttribute("job") JobForm form, BindingResult result, Authentication user,
			RedirectAttributes redirect, Model model) {
		JobRequest request = form.toRequest(result);
		form.reject(this.validator.validate(request), result);
		if (result.hasErrors()) {
			return form(form, model);
		}
		try {
			Job job = this.jobs.create(request, user.getName());
			redirect.addFlashAttribute("success", "Job \"" + job.getName() + "\" created"
					+ (request.startNow() ? " and started (" + job.getState() + ")" : ""));
			return "redirect:/jobs/" + job.getId();
		}
		catch (InvalidJobRequestException ex) {
			// the clock moved on between the two validations (a start time just passed)
			form.reject(ex.violations(), result);
			return form(form, model);
		}
	}

	/**
	 * "Try it" on the form: the same checks as creating, then a dry run; the form comes
	 * back as it was, with the result card above it.
	 */
	@PostMapping("/jobs/dry-run")
	String dryRun(@ModelAttribute("job") JobForm form, BindingResult result, Authentication user, Model model) {
		JobRequest request = form.toRequest(result);
		form.reject(this.validator.validate(request), result);
		model.addAttribute("dryRunAsked", true);
		if (result.hasErrors()) {
			return form(form, model);
		}
		try {
			model.addAttribute("dryRun", this.dryRuns.run(request, user.getName()));
		}
		catch (InvalidJobRequestException ex) {
			form.reject(ex.violations(), result);
		}
		catch (DryRunUnavailableException ex) {
			model.addAttribute("dryRunProblem", ex.getMessage());
		}
		return form(form, model);
	}

	@GetMapping("/jobs/{id}")
	String detail(@PathVariable String id, Authentication user, Model model) {
		JobDetail detail = detail(id, user);
		model.addAttribute("detail", detail);
		model.addAttribute("runs", runs(id));
		// cached and bounded in time: the page does not wait on Kafka
		String topic = detail.row().job().getTopic();
		TopicFacts facts = this.topics.inspect(topic).orElse(null);
		model.addAttribute("topicFacts", facts);
		model.addAttribute("records", RecordsCard.of(this.peek, id, topic, facts));
		model.addAttribute("throughput", this.throughput.view(detail.row().job()));
		return "jobs/detail";
	}

	@GetMapping("/jobs/{id}/records")
	String records(@PathVariable String id, Model model) {
		model.addAttribute("records", RecordsCard.of(this.peek, id, this.jobs.get(id).getTopic()));
		return "jobs/detail :: records";
	}

	/** The series the job page charts (the session's twin of the API's). */
	@GetMapping(path = "/jobs/{id}/throughput", produces = MediaType.APPLICATION_JSON_VALUE)
	@ResponseBody
	ThroughputView throughput(@PathVariable String id) {
		return this.throughput.view(this.jobs.get(id));
	}

	@GetMapping("/jobs/{id}/live")
	String detailLive(@PathVariable String id, Authentication user, Model model) {
		JobDetail detail = detail(id, user);
		model.addAttribute("detail", detail);
		model.addAttribute("throughput", this.throughput.view(detail.row().job()));
		model.addAttribute("runs", runs(id));
		return "jobs/detail :: live";
	}

	@PostMapping("/jobs/{id}/start")
	String start(@PathVariable String id, @RequestParam(required = false) String back, Authentication user,
			RedirectAttributes redirect) {
		return act(id, back, redirect, () -> {
			Job job = this.jobs.start(id, CurrentUser.actor(user));
			return "Job \"" + job.getName() + "\" started: " + job.getState();
		});
	}

	@PostMapping("/jobs/{id}/stop")
	String stop(@PathVariable String id, @RequestParam(required = false) String back, Authentication user,
			RedirectAttributes redirect) {
		return act(id, back, redirect, () -> {
			Job job = this.jobs.stop(id, CurrentUser.actor(user));
			return "Job \"" + job.getName() + "\" stopped: " + job.getState();
		});
	}

	/**
	 * A run report to download (the API's {@code /api/jobs/{id}/runs/{n}/report} for the
	 * browser's session).
	 */
	@GetMapping("/jobs/{id}/runs/{run}/report")
	ResponseEntity<?> runReport(@PathVariable String id, @PathVariable int run,
			@RequestParam(defaultValue = "json") String format) {
		ReportFormat chosen = ReportFormat.ofParameter(format).orElse(null);
		if (chosen == null) {
			return ResponseEntity.badRequest()
				.contentType(MediaType.TEXT_PLAIN)
				.body("format must be json or csv, not " + format);
		}
		RunReport report = this.runs.report(id, run);
		ResponseEntity.BodyBuilder response = ResponseEntity.ok()
			.contentType(chosen.mediaType())
			.header(HttpHeaders.CONTENT_DISPOSITION,
					ContentDisposition.attachment().filename(chosen.fileName(report)).build().toString());
		return (chosen == ReportFormat.CSV) ? response.body(RunCsv.of(report)) : response.body(report);
	}

	@PostMapping("/jobs/{id}/runs/{run}/rerun")
	String rerun(@PathVariable String id, @PathVariable int run, Authentication user, RedirectAttributes redirect) {
		return act(id, "/jobs/" + id, redirect, () -> {
			Job job = this.runs.rerun(id, run, CurrentUser.actor(user));
			return "Run " + run + " of job \"" + job.getName() + "\" started again identically as run "
					+ job.getRunNumber() + " (image " + job.getRun().getPinnedImage() + "): " + job.getState();
		});
	}

	@PostMapping("/jobs/{id}/delete")
	String delete(@PathVariable String id, @RequestParam(required = false) String back, Authentication user,
			RedirectAttributes redirect) {
		String target = act(id, back, redirect, () -> {
			String name = this.jobs.get(id).getName();
			String topic = this.removal.delete(id, CurrentUser.actor(user));
			return "Job \"" + name + "\" deleted" + ((topic != null) ? "; " + topic : "");
		});
		// the detail page of a deleted job is gone: back to the list
		return (redirect.getFlashAttributes().containsKey("success") && target.startsWith("redirect:/jobs/"))
				? "redirect:/" : target;
	}

	private String act(String id, String back, RedirectAttributes redirect, Action action) {
		try {
			redirect.addFlashAttribute("success", action.run());
		}
		catch (RunNotFoundException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		catch (JobNotFoundException ex) {
			redirect.addFlashAttribute("error", "The job does not exist (any more): " + id);
			return "redirect:/";
		}
		catch (JobConflictException | NotJobOwnerException ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
		}
		catch (ConcurrencyFailureException ex) {
			redirect.addFlashAttribute("error", "The job changed at the same moment; look at its state and try again");
		}
		return "redirect:" + safeBack(back);
	}

	/**
	 * Only a path of this site, never an absolute or protocol-relative URL (no open
	 * redirect).
	 */
	static String safeBack(String back) {
		if (back == null || !back.startsWith("/") || back.startsWith("//") || back.contains("\\")
				|| back.chars().anyMatch((c) -> c < 0x20)) {
			return "/";
		}
		return back;
	}

	private JobDetail detail(String id, Authentication user) {
		Job job = this.jobs.get(id);
		OptionalLong produced = this.jobs.recordsProduced(job);
		return JobDetail.of(rows(user).apply(job), this.jobs.events(id), this.jobs.containers(id),
				produced.isPresent() ? produced.getAsLong() : null);
	}

	private List<RunRow> runs(String id) {
		return this.runs.list(id).stream().map(RunRow::of).toList();
	}

	private String form(JobForm form, Model model) {
		model.addAttribute("job", form);
		model.addAttribute("limits", this.limits);
		model.addAttribute("quickstarts", Quickstarts.names());
		return "jobs/form";
	}

	private Function<Job, JobRow> rows(Authentication user) {
		Actor actor = CurrentUser.actor(user);
		Instant now = this.clock.instant();
		return (job) -> JobRow.of(job, actor, now);
	}

	@FunctionalInterface
	private interface Action {

		String run();

	}

	private static String blankToNull(String text) {
		return (text == null || text.isBlank()) ? null : text.strip();
	}

}
