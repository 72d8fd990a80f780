package dev.dcf.standalone;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * What a user needs once DCF is up: where to go, how to log in, and what runs.
 *
 * @param url the GUI and REST API
 * @param user the administrator's login name
 * @param login where the password comes from
 * @param kafka the broker's bootstrap servers
 * @param registry the schema registry's URL
 * @param dataDir where everything is kept
 * @param agentId the standalone agent's id
 * @param agentStatus how the handler sees the agent
 * @param generatorImage state of the sample generator image
 * @param kafkaLogin the client settings for the user's Kafka tools, null when the broker
 * does not authenticate
 */
record Ready(URI url, String user, AdminLogin login, String kafka, String registry, Path dataDir, String agentId,
		String agentStatus, String generatorImage, Path kafkaLogin) {

	/** The first line of the message; tests and scripts wait for it. */
	static final String HEADLINE = "DCF is ready";

	/** The message printed once everything is up. */
	String message(Duration startup) {
		String password = this.login.generated()
				? this.login.password() + "   (generated for this run; set DCF_ADMIN_PASSWORD to choose one)"
				: "from DCF_ADMIN_PASSWORD";
		String line = "-".repeat(78);
		return String.join(System.lineSeparator(), "", line,
				String.format(Locale.ROOT, "  %s (started in %.1f s)", HEADLINE, startup.toMillis() / 1000.0), "",
				"  Open      " + this.url, "  User      " + this.user, "  Password  " + password, "",
				"  Kafka     " + this.kafka + ((this.kafkaLogin != null) ? "  (login: " + this.kafkaLogin + ")" : "")
						+ "      Schema registry  " + this.registry,
				"  Agent     " + this.agentId + ": " + this.agentStatus, "  Image     " + this.generatorImage,
				"  Data      " + this.dataDir, "", "  Press Ctrl-C to stop.", line, "");
	}

}
