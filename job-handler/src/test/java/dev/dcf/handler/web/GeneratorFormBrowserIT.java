package dev.dcf.handler.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.dcf.testsupport.TestTopics;
import dev.dcf.handler.job.JobRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The form's Generator card in a real headless Chromium against the whole handler (no
 * agent needed): choosing the built-in generator and a template, a broken template's
 * field error from Preview, and the five records once it is fixed. Saves
 * {@code target/screenshots/job-generator-preview.png} for docs/usage.md.
 */
// own topics and database: never reused, so closed after the class
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "dcf.security.admin-user=admin", "dcf.security.admin-password=admin-secret" })
@RequiresChromium
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GeneratorFormBrowserIT {

	private static final String BROKEN = "{\n  \"value\": {\n    \"id\": \"order-{{seq}}\",\n    \"amount\": {{decimal(1, 500)}}\n  }\n}";

	private static final String FIXED = "{\n  \"key\": \"{{$.value.id}}\",\n  \"value\": {\n    \"id\": \"order-{{seq}}\",\n"
			+ "    \"customer\": \"{{firstName}} {{lastName}}\",\n    \"amount\": \"{{decimal(1, 500)}}\"\n  }\n}";

	@LocalServerPort
	int port;

	@Autowired
	JobRepository jobs;

	private Browser browser;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		Path dataDir = Files.createTempDirectory("generator-form-it");
		registry.add("dcf.data-dir", dataDir::toString);
		TestTopics.unique("genform").handlerProperties().forEach((name, value) -> registry.add(name, () -> value));
	}

	@BeforeAll
	void openBrowser() {
		this.browser = new Browser("http://localhost:" + this.port);
		this.browser.login("admin", "admin-secret");
	}

	@AfterAll
	void closeBrowser() {
		if (this.browser != null) {
			this.browser.close();
		}
	}

	@Test
	void aBrokenTemplateShowsItsPositionAndTheFixedOnePreviewsFiveRecords() {
		long jobsBefore = this.jobs.count();
		this.browser.open("/jobs/new");
		assertThat(this.browser.find(By.id("generator-settings")).isDisplayed()).isFalse();
		this.browser.click(By.id("source-builtin"));
		assertThat(this.browser.find(By.id("generator-settings")).isDisplayed()).isTrue();
		assertThat(this.browser.find(By.id("image")).isDisplayed()).isFalse();
		new Select(this.browser.find(By.id("generator.kind"))).selectByValue("template");
		assertThat(this.browser.find(By.id("generator.quickstart")).isDisplayed()).isFalse();

		this.browser.type(By.id("generator.template"), BROKEN);
		this.browser.click(By.id("preview-generator"));
		String error = this.browser
			.waitUntil((driver) -> driver.findElement(By.id("generator.template-error")).getText());
		assertThat(error).startsWith("line 4, column ");
		assertThat(this.browser.attribute(By.id("generator.template"), "class")).contains("is-invalid");
		assertThat(this.browser.count(By.cssSelector(".preview-record"))).isZero();

		this.browser.type(By.id("generator.template"), FIXED);
		this.browser.click(By.id("preview-generator"));
		this.browser.waitUntil((driver) -> driver.findElements(By.cssSelector(".preview-record")).size() == 5);
		assertThat(this.browser.findAll(By.id("generator.template-error"))).isEmpty();
		assertThat(this.browser.attribute(By.id("generator.template"), "class")).doesNotContain("is-invalid");
		assertThat(this.browser.texts(By.cssSelector(".preview-value")).get(4)).contains("\"id\" : \"order-4\"");
		assertThat(this.browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
		assertThat(this.jobs.count()).isEqualTo(jobsBefore);
		this.browser
			.js("document.getElementById('generator-card').scrollIntoView({block: 'start', behavior: 'instant'})");
		this.browser.screenshot("job-generator-preview");
	}

	@Test
	void aTypedScheduleShowsItsNextStartTimesAndItsProblems() {
		this.browser.open("/jobs/new");
		this.browser.type(By.id("schedule.cron"), "0 30 6 ? * MON-FRI");
		this.browser.type(By.id("schedule.timeZone"), "Europe/Berlin");
		this.browser
			.waitUntil((driver) -> driver.findElement(By.id("schedule-preview")).getText().contains("Europe/Berlin")
					&& driver.findElements(By.cssSelector("#schedule-preview .schedule-next-start")).size() == 3);
		assertThat(this.browser.texts(By.cssSelector("#schedule-preview .schedule-next-start")))
			.allSatisfy((time) -> assertThat(time).contains("06:30"));

		this.browser.type(By.id("schedule.cron"), "not a cron");
		this.browser.waitUntil(
				(driver) -> !driver.findElements(By.cssSelector("#schedule-preview .schedule-problem")).isEmpty());
		assertThat(this.browser.findAll(By.cssSelector("#schedule-preview .schedule-next-start"))).isEmpty();
		assertThat(this.browser.scriptProblems()).as("script errors and CSP violations in the browser").isEmpty();
	}

}
