package dev.dcf.handler.live;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.messaging.simp.SimpMessageType;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.socket.EnableWebSocketSecurity;
import org.springframework.security.messaging.access.intercept.MessageMatcherDelegatingAuthorizationManager;

/**
 * Who may do what over STOMP. The handshake at {@code /ws} already needs the logged-in
 * session (the web security chain); {@link EnableWebSocketSecurity} copies the session's
 * CSRF token into the websocket session and requires it (masked, as the page renders it)
 * in the {@code X-CSRF-TOKEN} header of CONNECT, so another site cannot open a socket
 * with the user's cookie. A logged-in client may subscribe to the job and agent topics
 * only and may not send anything.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketSecurity
class LiveSecurityConfiguration {

	@Bean
	AuthorizationManager<Message<?>> messageAuthorizationManager(
			MessageMatcherDelegatingAuthorizationManager.Builder messages) {
		messages
			.simpTypeMatchers(SimpMessageType.CONNECT, SimpMessageType.HEARTBEAT, SimpMessageType.UNSUBSCRIBE,
					SimpMessageType.DISCONNECT)
			.authenticated()
			.simpSubscribeDestMatchers(LiveTopics.JOBS, LiveTopics.JOBS + "/*", LiveTopics.AGENTS,
					LiveTopics.THROUGHPUT, LiveTopics.THROUGHPUT + "/*", LiveTopics.stats("*"))
			.authenticated()
			.anyMessage()
			.denyAll();
		return messages.build();
	}

}
