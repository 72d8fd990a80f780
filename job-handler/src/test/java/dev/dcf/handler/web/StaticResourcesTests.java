package dev.dcf.handler.web;

import dev.dcf.handler.system.WebSecurityTestConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.web.servlet.resource.ResourceUrlProvider;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.matchesPattern;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The GUI's static files are served, without a login, under their own paths only, so a
 * page's other links are not looked up as files while it renders.
 */
@WebMvcTest(LoginController.class)
@Import(WebSecurityTestConfiguration.class)
class StaticResourcesTests {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private ResourceUrlProvider urls;

	@Test
	void stylesScriptsIconAndVersionlessWebJarsAreServedWithoutALogin() throws Exception {
		this.mvc.perform(get("/css/dcf.css")).andExpect(status().isOk());
		this.mvc.perform(get("/js/dcf.js")).andExpect(status().isOk());
		this.mvc.perform(get("/favicon.svg")).andExpect(status().isOk());
		this.mvc.perform(get("/webjars/bootstrap/css/bootstrap.min.css"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("Bootstrap")));
		this.mvc.perform(get("/webjars/bootstrap/css/nothing-here.css")).andExpect(status().isNotFound());
	}

	@Test
	void onlyTheStaticPathsAreResourceMappingsSoPageLinksAreNotLookedUp() {
		assertThat(this.urls.getHandlerMap().keySet()).extracting(Object::toString)
			.containsExactlyInAnyOrder("/css/**", "/js/**", "/favicon.svg", "/webjars/**");
		assertThat(this.urls.getForLookupPath("/jobs/some-job")).isNull();
		assertThat(this.urls.getForLookupPath("/webjars/bootstrap/css/bootstrap.min.css"))
			.matches("/webjars/bootstrap/[0-9.]+/css/bootstrap.min.css");
	}

	@Test
	void aRenderedPageLinksTheWebJarsVersionedFile() throws Exception {
		this.mvc.perform(get("/login"))
			.andExpect(status().isOk())
			.andExpect(content().string(containsString("/css/dcf.css")))
			.andExpect(content().string(matchesPattern("(?s).*/webjars/bootstrap/[0-9.]+/css/bootstrap.min.css.*")));
	}

}
