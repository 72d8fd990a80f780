package dev.dcf.handler.web;

import dev.dcf.handler.job.RestartPolicy;
import dev.dcf.handler.job.RestartRequest;

/**
 * The form's restart policy, as typed (fields {@code restart.*}); the rules are the
 * API's.
 */
public class RestartFields {

	private Integer attempts = 0;

	private String interval = "10m";

	private String delay = "5s";

	private String maxDelay = "1m";

	static RestartFields of(RestartPolicy policy) {
		RestartRequest request = policy.toRequest();
		RestartFields fields = new RestartFields();
		fields.attempts = request.attempts();
		fields.interval = request.interval();
		fields.delay = request.delay();
		fields.maxDelay = request.maxDelay();
		return fields;
	}

	/**
	 * @return the request's restart block; {@code null} when no field was filled in
	 */
	RestartRequest toRequest() {
		if (this.attempts == null && this.interval.isBlank() && this.delay.isBlank() && this.maxDelay.isBlank()) {
			return null;
		}
		return new RestartRequest(this.attempts, blankToNull(this.interval), blankToNull(this.delay),
				blankToNull(this.maxDelay));
	}

	private static String blankToNull(String text) {
		return text.isBlank() ? null : text.strip();
	}

	private static String nonNull(String text) {
		return (text != null) ? text : "";
	}

	public Integer getAttempts() {
		return this.attempts;
	}

	public void setAttempts(Integer attempts) {
		this.attempts = attempts;
	}

	public String getInterval() {
		return this.interval;
	}

	public void setInterval(String interval) {
		this.interval = nonNull(interval);
	}

	public String getDelay() {
		return this.delay;
	}

	public void setDelay(String delay) {
		this.delay = nonNull(delay);
	}

	public String getMaxDelay() {
		return this.maxDelay;
	}

	public void setMaxDelay(String maxDelay) {
		this.maxDelay = nonNull(maxDelay);
	}

}
