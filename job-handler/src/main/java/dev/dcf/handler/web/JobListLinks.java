package dev.dcf.handler.web;

import java.util.List;

import org.springframework.web.util.UriComponentsBuilder;

import dev.dcf.handler.job.JobState;

/**
 * The links of the jobs page, built on the server so the search, the state filter, the
 * order and the page size carry over from one to the next: the state pills, the sortable
 * column headers and the page links (htmx swaps the list they return, and the browser's
 * address shows the same link). Paths are relative to the context path (the template puts
 * them through {@code @{...}}). Public for the templates (SpEL).
 *
 * @param q the search text, {@code null} for none
 * @param owner the owner searched for, {@code null} for any
 * @param sort the order as the request gave it ({@code name,asc}), {@code null} for the
 * default (newest first)
 * @param filter the states shown, empty for all
 * @param page the page shown, from 0
 * @param size jobs per page
 */
public record JobListLinks(String q, String owner, String sort, List<JobState> filter, int page, int size) {

	/** Where a live refresh fetches the list's results again. */
	static final String REFRESH_PATH = "/jobs/list";

	/**
	 * This list as it is, at {@value #REFRESH_PATH}: what a live refresh fetches again
	 * (not at {@code /}, the page's own address, whose flash messages are for the page).
	 */
	public String refresh() {
		return build(this.filter, this.sort, this.page).replaceFirst("^/", REFRESH_PATH);
	}

	/** The same list on another page. */
	public String page(int number) {
		return build(this.filter, this.sort, number);
	}

	/** The first page of the jobs in one state, {@code null} for all states. */
	public String state(JobState state) {
		return build((state != null) ? List.of(state) : List.of(), this.sort, 0);
	}

	/**
	 * The first page ordered by a column: ascending, or descending when it is ordered
	 * ascending by it already.
	 */
	public String sortBy(String key) {
		boolean ascendingNow = key.equals(sortKey()) && !"desc".equals(sortDirection());
		return build(this.filter, key + "," + (ascendingNow ? "desc" : "asc"), 0);
	}

	/** The mark after a column's title: ▲ ascending, ▼ descending, none. */
	public String sortMark(String key) {
		if (!key.equals(sortKey())) {
			return "";
		}
		return "desc".equals(sortDirection()) ? " ▼" : " ▲";
	}

	private String sortKey() {
		return (this.sort != null) ? this.sort.split(",", -1)[0] : null;
	}

	private String sortDirection() {
		String[] parts = (this.sort != null) ? this.sort.split(",", -1) : new String[0];
		return (parts.length > 1) ? parts[1] : null;
	}

	private String build(List<JobState> states, String order, int number) {
		UriComponentsBuilder link = UriComponentsBuilder.fromPath("/");
		states.forEach((state) -> link.queryParam("state", state.name()));
		if (this.q != null) {
			link.queryParam("q", this.q);
		}
		if (this.owner != null) {
			link.queryParam("owner", this.owner);
		}
		if (order != null) {
			link.queryParam("sort", order);
		}
		if (number > 0) {
			link.queryParam("page", number);
		}
		link.queryParam("size", this.size);
		return link.encode().build().toUriString();
	}

}
