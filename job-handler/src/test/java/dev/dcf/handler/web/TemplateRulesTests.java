package dev.dcf.handler.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' Content-Security-Policy allows no inline styles or scripts: a template that
 * has one breaks in the browser (a CSP violation), on whichever page includes it.
 */
class TemplateRulesTests {

	private static final Pattern INLINE = Pattern.compile(
			"\\s(style|th:style|onclick|onload|onchange|onsubmit|hx-on[^=\\s]*|th:hx-on[^=\\s]*)=|\\bjs:|javascript:",
			Pattern.CASE_INSENSITIVE);

	@Test
	void noTemplateHasAnInlineStyleOrEventHandler() throws IOException {
		List<String> offenders;
		try (Stream<Path> files = Files.walk(Path.of("src/main/resources/templates"))) {
			offenders = files.filter((file) -> file.toString().endsWith(".html")).flatMap((file) -> {
				try {
					List<String> lines = Files.readAllLines(file);
					return java.util.stream.IntStream.range(0, lines.size())
						.filter((i) -> INLINE.matcher(lines.get(i)).find())
						.mapToObj((i) -> file + ":" + (i + 1) + ": " + lines.get(i).strip());
				}
				catch (IOException ex) {
					throw new IllegalStateException(ex);
				}
			}).toList();
		}
		assertThat(offenders)
			.as("inline styles, handlers or htmx code needing eval (use classes in css/dcf.css, handlers in js/)")
			.isEmpty();
	}

	@Test
	void theRuleSeesAnInlineStyle() {
		assertThat(INLINE.matcher("<pre class=\"x\" style=\"max-height: 2rem\">").find()).isTrue();
		assertThat(INLINE.matcher("<div class=\"stats-bar\" data-progress=\"5\">").find()).isFalse();
	}

	@Test
	void theRuleSeesHtmxCodeThatWouldNeedEval() {
		assertThat(INLINE.matcher("<form hx-on::after-request=\"this.reset()\">").find()).isTrue();
		assertThat(INLINE.matcher("<form hx-on:submit=\"go()\">").find()).isTrue();
		assertThat(INLINE.matcher("<div hx-vals='js:{a: 1}'>").find()).isTrue();
		assertThat(INLINE.matcher("<a href=\"javascript:go()\">").find()).isTrue();
		assertThat(INLINE.matcher("<tbody hx-get=\"/jobs\" hx-trigger=\"input changed delay:300ms\">").find())
			.isFalse();
	}

}
