package dev.dcf.handler.live;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * STOMP over plain websockets at {@code /ws} (same origin only, no SockJS) with the
 * simple in-memory broker for {@code /topic}. Messages to {@code /app} would reach
 * message handlers, but there are none and {@link LiveSecurityConfiguration} refuses
 * every SEND: the browser only listens.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSocketMessageBroker
class LiveConfiguration implements WebSocketMessageBrokerConfigurer {

	static final String ENDPOINT = "/ws";

	@Override
	public void registerStompEndpoints(StompEndpointRegistry registry) {
		registry.addEndpoint(ENDPOINT);
	}

	@Override
	public void configureMessageBroker(MessageBrokerRegistry registry) {
		registry.enableSimpleBroker("/topic");
		registry.setApplicationDestinationPrefixes("/app");
	}

}
