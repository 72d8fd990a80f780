package dev.dcf.handler.system;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class UsersConfigurationTests {

	private final UsersConfiguration configuration = new UsersConfiguration();

	private final PasswordEncoder encoder = this.configuration.passwordEncoder();

	@Test
	void plainPasswordsAreStoredAsBcryptHashes() {
		InMemoryUserDetailsManager users = users(new SecurityProperties("admin", "s3cret",
				List.of(new SecurityProperties.User("alice", "alice-pw", List.of("USER")))));

		UserDetails admin = users.loadUserByUsername("admin");
		UserDetails alice = users.loadUserByUsername("alice");

		assertThat(admin.getPassword()).startsWith("{bcrypt}").doesNotContain("s3cret");
		assertThat(this.encoder.matches("s3cret", admin.getPassword())).isTrue();
		assertThat(this.encoder.matches("alice-pw", alice.getPassword())).isTrue();
		assertThat(this.encoder.matches("wrong", alice.getPassword())).isFalse();
	}

	@Test
	void encodedPasswordsAreTakenAsTheyAre() {
		String hash = this.encoder.encode("pw");
		InMemoryUserDetailsManager users = users(new SecurityProperties("admin", hash, List.of()));

		assertThat(users.loadUserByUsername("admin").getPassword()).isEqualTo(hash);
	}

	@Test
	void theAdministratorHasBothRolesOtherUsersUserByDefault() {
		InMemoryUserDetailsManager users = users(new SecurityProperties("root", "pw",
				List.of(new SecurityProperties.User("alice", "pw", List.of("USER")),
						new SecurityProperties.User("carol", "pw", List.of("admin")))));

		assertThat(roles(users.loadUserByUsername("root"))).containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
		assertThat(roles(users.loadUserByUsername("alice"))).containsExactly("ROLE_USER");
		assertThat(roles(users.loadUserByUsername("carol"))).containsExactlyInAnyOrder("ROLE_USER", "ROLE_ADMIN");
	}

	@Test
	void withoutAnAdminPasswordOneIsGeneratedAndLoggedOnce(CapturedOutput output) {
		InMemoryUserDetailsManager users = users(new SecurityProperties("admin", "", List.of()));

		String log = output.getOut() + output.getErr();
		assertThat(log).contains("WARN").contains("Generated password for DCF user 'admin': ");
		String password = log.substring(log.indexOf("'admin': ") + "'admin': ".length())
			.lines()
			.findFirst()
			.orElseThrow()
			.trim();
		assertThat(password).hasSizeGreaterThanOrEqualTo(20);
		assertThat(this.encoder.matches(password, users.loadUserByUsername("admin").getPassword())).isTrue();
		assertThat(log.split("Generated password", -1)).hasSize(2);
	}

	@Test
	void generatedPasswordsDiffer(CapturedOutput output) {
		users(new SecurityProperties("admin", null, List.of()));
		users(new SecurityProperties("admin", null, List.of()));

		List<String> passwords = output.getAll()
			.lines()
			.filter((line) -> line.contains("Generated password"))
			.map((line) -> line.substring(line.indexOf("'admin': ") + 9).trim())
			.toList();
		assertThat(passwords).hasSize(2).doesNotHaveDuplicates();
	}

	@Test
	void unknownRolesAndDuplicateUsersAreConfigurationErrors() {
		assertThatIllegalStateException()
			.isThrownBy(() -> users(new SecurityProperties("admin", "pw",
					List.of(new SecurityProperties.User("alice", "pw", List.of("SUPERUSER"))))))
			.withMessageContaining("SUPERUSER");
		assertThatIllegalStateException()
			.isThrownBy(() -> users(new SecurityProperties("admin", "pw",
					List.of(new SecurityProperties.User("admin", "pw", List.of("USER"))))))
			.withMessageContaining("defined twice");
	}

	private InMemoryUserDetailsManager users(SecurityProperties properties) {
		return this.configuration.userDetailsService(properties, this.encoder);
	}

	private static List<String> roles(UserDetails user) {
		return user.getAuthorities().stream().map(GrantedAuthority::getAuthority).toList();
	}

}
