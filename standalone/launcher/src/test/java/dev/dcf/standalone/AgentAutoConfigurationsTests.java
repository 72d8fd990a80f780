package dev.dcf.standalone;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AgentAutoConfigurationsTests {

	private final List<String> exclusions = AgentAutoConfigurations
		.exclusions(AgentAutoConfigurationsTests.class.getClassLoader());

	@Test
	void excludesWhatOnlyTheHandlerUses() {
		assertThat(this.exclusions).contains("org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
				"org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration",
				"org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration",
				"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
				"org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration");
	}

	@Test
	void keepsWhatTheAgentUses() {
		assertThat(this.exclusions).doesNotContain(
				"org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
				"dev.dcf.messaging.MessagingAutoConfiguration",
				"org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
				"org.springframework.boot.autoconfigure.info.ProjectInfoAutoConfiguration",
				"org.springframework.boot.autoconfigure.task.TaskSchedulingAutoConfiguration");
	}

}
