package dev.dcf.handler.audit;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One entry of the audit log. Written once, never changed.
 */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

	static final int MAX_ACTOR = 100;

	static final int MAX_TARGET = 255;

	static final int MAX_DETAIL = 1000;

	@Id
	@GeneratedValue(strategy = GenerationType.IDENTITY)
	private Long id;

	@Column(nullable = false)
	private Instant at;

	@Column(nullable = false, length = MAX_ACTOR)
	private String actor;

	@Column(nullable = false, length = 32)
	private String action;

	@Column(name = "target_type", nullable = false, length = 16)
	private String targetType;

	@Column(name = "target_id", length = MAX_TARGET)
	private String targetId;

	@Column(name = "target_name", length = MAX_TARGET)
	private String targetName;

	@Column(length = MAX_DETAIL)
	private String detail;

	protected AuditEntry() {
		// for JPA
	}

	AuditEntry(Instant at, String actor, AuditAction action, String targetType, String targetId, String targetName,
			String detail) {
		this.at = at;
		this.actor = cut((actor == null || actor.isEmpty()) ? "(none)" : actor, MAX_ACTOR);
		this.action = action.label();
		this.targetType = targetType;
		this.targetId = cut(targetId, MAX_TARGET);
		this.targetName = cut(targetName, MAX_TARGET);
		this.detail = cut(detail, MAX_DETAIL);
	}

	private static String cut(String text, int max) {
		return (text == null || text.length() <= max) ? text : text.substring(0, max);
	}

	public Long getId() {
		return this.id;
	}

	public Instant getAt() {
		return this.at;
	}

	public String getActor() {
		return this.actor;
	}

	public String getAction() {
		return this.action;
	}

	public String getTargetType() {
		return this.targetType;
	}

	public String getTargetId() {
		return this.targetId;
	}

	public String getTargetName() {
		return this.targetName;
	}

	public String getDetail() {
		return this.detail;
	}

}
