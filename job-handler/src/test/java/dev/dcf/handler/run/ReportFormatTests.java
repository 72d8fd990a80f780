package dev.dcf.handler.run;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTests {

	@Test
	void jsonUnlessCsvIsPreferred() {
		assertThat(ReportFormat.ofAccept(null)).contains(ReportFormat.JSON);
		assertThat(ReportFormat.ofAccept("*/*")).contains(ReportFormat.JSON);
		assertThat(ReportFormat.ofAccept("application/json")).contains(ReportFormat.JSON);
		assertThat(ReportFormat.ofAccept("text/csv")).contains(ReportFormat.CSV);
		assertThat(ReportFormat.ofAccept("text/*")).contains(ReportFormat.CSV);
		assertThat(ReportFormat.ofAccept("*/*, text/csv")).contains(ReportFormat.CSV);
		assertThat(ReportFormat.ofAccept("text/csv;q=0.5, application/json")).contains(ReportFormat.JSON);
	}

	@Test
	void anAcceptThatAllowsNeitherChoosesNothing() {
		assertThat(ReportFormat.ofAccept("application/xml")).isEmpty();
		assertThat(ReportFormat.ofAccept("text/csv;q=0")).isEmpty();
		assertThat(ReportFormat.ofAccept("not a type")).isEmpty();
	}

	@Test
	void theFormatParameterIsJsonOrCsvInAnyCase() {
		assertThat(ReportFormat.ofParameter("CSV")).contains(ReportFormat.CSV);
		assertThat(ReportFormat.ofParameter("json")).contains(ReportFormat.JSON);
		assertThat(ReportFormat.ofParameter("xml")).isEmpty();
	}

}
