package dev.dcf.standalone;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AdminLoginTests {

	@Test
	void generatesAPasswordWhenNoneIsSet() {
		AdminLogin first = AdminLogin.resolve(new String[0], Map.of());
		AdminLogin second = AdminLogin.resolve(new String[0], Map.of());

		assertThat(first.generated()).isTrue();
		assertThat(first.password()).hasSizeGreaterThanOrEqualTo(16).matches("[A-Za-z0-9_-]+");
		assertThat(second.password()).isNotEqualTo(first.password());
	}

	@Test
	void leavesThePasswordToTheHandlerWhenTheVariableIsSet() {
		AdminLogin login = AdminLogin.resolve(new String[0], Map.of("DCF_ADMIN_PASSWORD", "secret"));

		assertThat(login.generated()).isFalse();
		assertThat(login.password()).isNull();
	}

	@Test
	void leavesThePasswordToTheHandlerWhenThePropertyIsGiven() {
		assertThat(AdminLogin.resolve(new String[] { "--dcf.security.admin-password=secret" }, Map.of()).generated())
			.isFalse();
		assertThat(AdminLogin.resolve(new String[0], Map.of("DCF_SECURITY_ADMIN_PASSWORD", "secret")).generated())
			.isFalse();
	}

	@Test
	void blankVariableCountsAsUnset() {
		assertThat(AdminLogin.resolve(new String[0], Map.of("DCF_ADMIN_PASSWORD", "  ")).generated()).isTrue();
	}

	@Test
	void toStringNeverShowsThePassword() {
		AdminLogin login = AdminLogin.resolve(new String[0], Map.of());

		assertThat(login.toString()).doesNotContain(login.password()).contains("generated");
	}

}
