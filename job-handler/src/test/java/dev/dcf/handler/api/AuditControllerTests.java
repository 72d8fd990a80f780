package dev.dcf.handler.api;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentMatchers;
import org.mockito.ArgumentCaptor;

import dev.dcf.handler.audit.AuditEntry;
import dev.dcf.handler.audit.AuditRepository;
import dev.dcf.handler.system.WebSecurityTestConfiguration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Import;
import org.springframework.data.domain.PageImpl;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.domain.Specification;
import org.springframework.http.MediaType;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * The audit API behind the real security set-up, with the real audit listener and
 * service; only the table is a mock.
 */
@WebMvcTest(AuditController.class)
@Import(WebSecurityTestConfiguration.class)
@ComponentScan("dev.dcf.handler.audit")
@TestPropertySource(properties = { "dcf.security.admin-user=root", "dcf.security.admin-password={noop}root-pw",
		"dcf.security.users[0].name=alice", "dcf.security.users[0].password={noop}alice-pw" })
class AuditControllerTests {

	@Autowired
	private MockMvc mvc;

	@MockitoBean
	private AuditRepository entries;

	@Test
	void aPlainUserGets403ProblemDetails() throws Exception {
		this.mvc.perform(get("/api/audit").with(httpBasic("alice", "alice-pw")))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
		verify(this.entries, never()).findAll(ArgumentMatchers.<Specification<AuditEntry>>any(), any(Pageable.class));
	}

	@Test
	void anAdministratorReadsOnePageNewestFirst() throws Exception {
		given(this.entries.findAll(ArgumentMatchers.<Specification<AuditEntry>>any(), any(Pageable.class)))
			.willReturn(new PageImpl<AuditEntry>(List.of(), PageRequest.of(2, 10), 25));

		this.mvc
			.perform(get("/api/audit?actor=alice&action=delete&target=abc&from=2026-05-01T00:00:00Z&page=2&size=10")
				.with(httpBasic("root", "root-pw")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.page").value(2))
			.andExpect(jsonPath("$.totalElements").value(25));
	}

	@Test
	void anUnknownActionOrTimeIs400NamingTheParameter() throws Exception {
		this.mvc.perform(get("/api/audit?action=explode").with(httpBasic("root", "root-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("action"));
		this.mvc.perform(get("/api/audit?from=yesterday").with(httpBasic("root", "root-pw")))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.errors[0].field").value("from"));
	}

	@Test
	void failedLoginsOverHttpBasicAndTheLoginFormAreRecorded() throws Exception {
		this.mvc.perform(get("/api/audit").with(httpBasic("alice", "wrong"))).andExpect(status().isUnauthorized());
		this.mvc.perform(post("/login").param("username", "ghost").param("password", "nope").with(csrf()))
			.andExpect(status().is3xxRedirection());

		ArgumentCaptor<AuditEntry> saved = ArgumentCaptor.forClass(AuditEntry.class);
		verify(this.entries, atLeastOnce()).save(saved.capture());
		assertThat(saved.getAllValues()).extracting(AuditEntry::getAction, AuditEntry::getActor)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("login-failure", "alice"),
					org.assertj.core.groups.Tuple.tuple("login-failure", "ghost"));
	}

}
