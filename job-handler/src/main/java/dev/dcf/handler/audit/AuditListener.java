package dev.dcf.handler.audit;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.dcf.handler.agent.AgentDrainChanged;
import dev.dcf.handler.job.JobActionTaken;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Fills the audit log from the events the features publish: job actions and drain marks
 * inside their own transaction (the entry commits with the action), failed logins (form
 * login and HTTP Basic, published by Spring Security) on their own.
 */
@Component
class AuditListener {

	private static final Logger log = LoggerFactory.getLogger(AuditListener.class);

	private final AuditService audit;

	private final Clock clock;

	AuditListener(AuditService audit, Clock clock) {
		this.audit = audit;
		this.clock = clock;
	}

	@EventListener
	void on(JobActionTaken taken) {
		AuditAction action = AuditAction.parse(taken.action());
		if (action == null) {
			log.warn("Unknown job action {} not audited", taken.action());
			return;
		}
		this.audit.record(taken.at(), taken.actor(), action, "job", taken.jobId(), taken.jobName(), taken.detail());
	}

	@EventListener
	void on(AgentDrainChanged changed) {
		this.audit.record(changed.at(), changed.by(), changed.draining() ? AuditAction.DRAIN : AuditAction.UNDRAIN,
				"agent", changed.agentId(), null,
				changed.draining() ? (changed.move() ? "move its jobs" : "keep its jobs") : null);
	}

	@EventListener
	void on(AbstractAuthenticationFailureEvent failure) {
		String name = failure.getAuthentication().getName();
		String detail = failure.getException().getMessage();
		if (failure.getAuthentication().getDetails() instanceof WebAuthenticationDetails web
				&& web.getRemoteAddress() != null) {
			detail = detail + " (from " + web.getRemoteAddress() + ")";
		}
		this.audit.record(this.clock.instant(), name, AuditAction.LOGIN_FAILURE, "user", name, null, detail);
	}

}
