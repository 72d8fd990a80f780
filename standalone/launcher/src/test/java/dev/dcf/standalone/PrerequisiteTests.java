package dev.dcf.standalone;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class PrerequisiteTests {

	@Test
	void beansAreCreatedWhileThePrerequisiteRunsAndNothingStartsBeforeItCompleted() throws Exception {
		List<String> events = new CopyOnWriteArrayList<>();
		CompletableFuture<Void> broker = new CompletableFuture<>();
		CompletableFuture<ConfigurableApplicationContext> run = new CompletableFuture<>();
		Thread starter = new Thread(() -> {
			try {
				run.complete(app(events, broker).run());
			}
			catch (RuntimeException ex) {
				run.completeExceptionally(ex);
			}
		}, "test-start");
		starter.start();

		await().atMost(Duration.ofSeconds(30)).until(() -> waitsInTheGate(starter));
		assertThat(events).containsExactly("created");
		events.add("broker up");
		broker.complete(null);

		try (ConfigurableApplicationContext context = run.get(30, TimeUnit.SECONDS)) {
			assertThat(events).containsExactly("created", "broker up", "after singletons", "started");
		}
	}

	@Test
	void aPrerequisiteThatFailsFailsTheStartWithItsCauseAndNothingStarts() {
		List<String> events = new CopyOnWriteArrayList<>();
		IllegalStateException brokerFailure = new IllegalStateException("port taken");

		assertThatIllegalStateException()
			.isThrownBy(() -> app(events, CompletableFuture.failedFuture(brokerFailure)).run())
			.withMessage("the test broker did not start")
			.withCause(brokerFailure);
		assertThat(events).containsExactly("created");
	}

	private static SpringApplicationBuilder app(List<String> events, CompletableFuture<?> broker) {
		return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.properties("spring.main.log-startup-info=false")
			.initializers(new Prerequisite(broker, "the test broker"),
					context -> context.getBeanFactory().registerSingleton("events", events));
	}

	private static boolean waitsInTheGate(Thread thread) {
		return Arrays.stream(thread.getStackTrace())
			.anyMatch((frame) -> frame.getClassName().equals(Prerequisite.Gate.class.getName()));
	}

	@Configuration(proxyBeanMethods = false)
	static class App {

		@Bean
		UsesTheBroker usesTheBroker(List<String> events) {
			events.add("created");
			return new UsesTheBroker(events);
		}

	}

	/** Like Spring Kafka's topic creation and listener containers. */
	static final class UsesTheBroker implements SmartInitializingSingleton, SmartLifecycle {

		private final List<String> events;

		private volatile boolean running;

		UsesTheBroker(List<String> events) {
			this.events = events;
		}

		@Override
		public void afterSingletonsInstantiated() {
			this.events.add("after singletons");
		}

		@Override
		public void start() {
			this.events.add("started");
			this.running = true;
		}

		@Override
		public void stop() {
			this.running = false;
		}

		@Override
		public boolean isRunning() {
			return this.running;
		}

	}

}
