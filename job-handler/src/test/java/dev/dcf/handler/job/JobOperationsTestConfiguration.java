package dev.dcf.handler.job;

import dev.dcf.handler.schedule.QuartzCronRules;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * For data-jpa tests of what users do with jobs: the real job service, bulk actions and
 * validation over the real database, with a clock fixed at {@link #NOW}. The broker
 * ({@link TopicOffsets}, {@link JobTopics}) is the test's to provide.
 */
@TestConfiguration(proxyBeanMethods = false)
@Import({ JobService.class, JobBulk.class, JobRemoval.class, JobRequestValidator.class, RecordsProduced.class,
		QuartzCronRules.class })
@EnableConfigurationProperties({ JobLimits.class, GeneratorProperties.class })
public class JobOperationsTestConfiguration {

	public static final Instant NOW = Instant.parse("2026-05-01T10:00:00Z");

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

}
