package dev.dcf.handler.audit;

import java.util.Locale;

/**
 * What an audit entry records.
 */
public enum AuditAction {

	CREATE, START, STOP, DELETE, CLONE, DRAIN, UNDRAIN, LOGIN_FAILURE,

	/**
	 * Settings replaced by a job file (issue 18); last, so that the stored labels stay.
	 */
	UPDATE;

	/**
	 * The name stored and shown: {@code create}, ..., {@code login-failure}.
	 * @return the label
	 */
	public String label() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * An action by its label or name, ignoring case.
	 * @param text the label
	 * @return the action, {@code null} if there is none such
	 */
	public static AuditAction parse(String text) {
		for (AuditAction action : values()) {
			if (action.label().equalsIgnoreCase(text) || action.name().equalsIgnoreCase(text)) {
				return action;
			}
		}
		return null;
	}

}
