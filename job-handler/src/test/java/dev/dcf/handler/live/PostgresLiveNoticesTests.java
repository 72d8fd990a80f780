package dev.dcf.handler.live;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.handler.TestPostgres;

import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;
import org.springframework.messaging.simp.SimpMessageHeaderAccessor;
import org.springframework.messaging.simp.SimpMessagingTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two handlers' notices on the tests' real PostgreSQL. */
@ExtendWith(TestPostgres.class)
class PostgresLiveNoticesTests {

	private final Browsers browsersOfA = new Browsers();

	private final Browsers browsersOfB = new Browsers();

	private final PostgresLiveNotices a = notices(this.browsersOfA);

	private final PostgresLiveNotices b = notices(this.browsersOfB);

	@AfterEach
	void stop() {
		this.a.stop();
		this.b.stop();
	}

	@Test
	void whatOneHandlerPushesReachesTheBrowsersOfTheOtherAsTheSameJson() {
		this.a.start();
		this.b.start();
		String destination = "/topic/jobs/" + java.util.UUID.randomUUID();

		// the listener may still be connecting: publish until B has it
		await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
			this.a.publish(destination, Map.of("jobId", "j1", "state", "RUNNING"));
			return this.browsersOfB.received(destination).size() > 0;
		});

		Message<?> message = this.browsersOfB.received(destination).get(0);
		String body = new String((byte[]) message.getPayload(), StandardCharsets.UTF_8);
		assertThat(JsonMapper.builder().build().readTree(body).get("state").asString()).isEqualTo("RUNNING");
		assertThat(message.getHeaders().get("contentType").toString()).isEqualTo("application/json");
		// a handler does not push its own notices a second time
		assertThat(this.browsersOfA.received(destination)).isEmpty();
	}

	private static PostgresLiveNotices notices(Browsers browsers) {
		return new PostgresLiveNotices(
				new DriverManagerDataSource(TestPostgres.URL, TestPostgres.USER, TestPostgres.PASSWORD),
				new SimpMessagingTemplate(browsers), JsonMapper.builder().build());
	}

	/** The broker channel: what would go to the browsers. */
	private static final class Browsers implements MessageChannel {

		private final List<Message<?>> messages = new CopyOnWriteArrayList<>();

		@Override
		public boolean send(Message<?> message, long timeout) {
			this.messages.add(message);
			return true;
		}

		List<Message<?>> received(String destination) {
			return this.messages.stream()
				.filter((message) -> destination.equals(SimpMessageHeaderAccessor.getDestination(message.getHeaders())))
				.toList();
		}

	}

}
