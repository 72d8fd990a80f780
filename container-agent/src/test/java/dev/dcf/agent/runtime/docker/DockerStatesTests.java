package dev.dcf.agent.runtime.docker;

import java.time.Instant;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Event;
import com.github.dockerjava.core.DockerClientConfig;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.ContainerEvent;
import dev.dcf.agent.runtime.ManagedContainer;
import dev.dcf.agent.runtime.ManagedContainer.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;

class DockerStatesTests {

	/** docker-java's own mapper, so the fixtures go through the same JSON binding. */
	private static final ObjectMapper JSON = DockerClientConfig.getDefaultObjectMapper();

	private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

	@Test
	void mapsEveryDockerStateString() {
		assertThat(DockerStates.status("created")).isEqualTo(ContainerStatus.CREATED);
		assertThat(DockerStates.status("running")).isEqualTo(ContainerStatus.RUNNING);
		assertThat(DockerStates.status("paused")).isEqualTo(ContainerStatus.PAUSED);
		assertThat(DockerStates.status("restarting")).isEqualTo(ContainerStatus.RESTARTING);
		assertThat(DockerStates.status("exited")).isEqualTo(ContainerStatus.EXITED);
		assertThat(DockerStates.status("dead")).isEqualTo(ContainerStatus.DEAD);
		assertThat(DockerStates.status("removing")).isEqualTo(ContainerStatus.REMOVING);
		assertThat(DockerStates.status("Running")).isEqualTo(ContainerStatus.RUNNING);
	}

	@Test
	void unknownOrMissingStateIsUnknown() {
		assertThat(DockerStates.status("frozen")).isEqualTo(ContainerStatus.UNKNOWN);
		assertThat(DockerStates.status((String) null)).isEqualTo(ContainerStatus.UNKNOWN);
	}

	@Test
	void stateWithoutStatusStringFallsBackToFlags() throws Exception {
		InspectContainerResponse running = inspect("""
				{"Id":"abc","Name":"/old","State":{"Running":true,"ExitCode":0},"Config":{"Image":"x"}}""");
		InspectContainerResponse dead = inspect(
				"""
						{"Id":"abc","Name":"/old","State":{"Running":false,"Dead":true,"ExitCode":1},"Config":{"Image":"x"}}""");

		assertThat(DockerStates.status(running.getState())).isEqualTo(ContainerStatus.RUNNING);
		assertThat(DockerStates.status(dead.getState())).isEqualTo(ContainerStatus.DEAD);
	}

	@Test
	void exitedContainerCarriesItsExitCodeAndTimes() throws Exception {
		ManagedContainer container = DockerStates.container(inspect("""
				{"Id":"222ce2b0","Name":"/dcf-j1-0",
				 "State":{"Status":"exited","Running":false,"Paused":false,"Restarting":false,"OOMKilled":false,
				  "Dead":false,"Pid":0,"ExitCode":3,"Error":"",
				  "StartedAt":"2026-11-29T09:54:06.801979696Z","FinishedAt":"2026-11-29T09:54:06.804904698Z"},
				 "Config":{"Image":"dcf-test/sleeper:latest","Labels":{"dcf.job-id":"j1","dcf.managed":"true"}}}"""));

		assertThat(container.id()).isEqualTo("222ce2b0");
		assertThat(container.name()).isEqualTo("dcf-j1-0");
		assertThat(container.image()).isEqualTo("dcf-test/sleeper:latest");
		assertThat(container.labels()).containsEntry("dcf.job-id", "j1").containsEntry("dcf.managed", "true");
		assertThat(container.state()).isEqualTo(ContainerStatus.EXITED);
		assertThat(container.exitCode()).isEqualTo(3);
		assertThat(container.oomKilled()).isFalse();
		assertThat(container.startedAt()).isEqualTo(Instant.parse("2026-11-29T09:54:06.801979696Z"));
		assertThat(container.finishedAt()).isEqualTo(Instant.parse("2026-11-29T09:54:06.804904698Z"));
	}

	@Test
	void runningContainerHasNoExitCodeAndNoFinishTime() throws Exception {
		ManagedContainer container = DockerStates.container(inspect("""
				{"Id":"abc","Name":"/dcf-j1-1",
				 "State":{"Status":"running","Running":true,"OOMKilled":false,"ExitCode":0,
				  "StartedAt":"2026-11-29T09:54:06.801979696Z","FinishedAt":"0001-01-01T00:00:00Z"},
				 "Config":{"Image":"img:1"}}"""));

		assertThat(container.state()).isEqualTo(ContainerStatus.RUNNING);
		assertThat(container.exitCode()).isNull();
		assertThat(container.finishedAt()).isNull();
		assertThat(container.labels()).isEmpty();
	}

	@Test
	void createdContainerNeverStartedNorFinished() throws Exception {
		ManagedContainer container = DockerStates.container(inspect("""
				{"Id":"abc","Name":"/c","State":{"Status":"created","ExitCode":0,
				 "StartedAt":"0001-01-01T00:00:00Z","FinishedAt":"0001-01-01T00:00:00Z"},"Config":{"Image":"i"}}"""));

		assertThat(container.state()).isEqualTo(ContainerStatus.CREATED);
		assertThat(container.exitCode()).isNull();
		assertThat(container.startedAt()).isNull();
		assertThat(container.finishedAt()).isNull();
	}

	@Test
	void oomKilledContainerIsFlagged() throws Exception {
		ManagedContainer container = DockerStates.container(inspect("""
				{"Id":"abc","Name":"/c","State":{"Status":"exited","OOMKilled":true,"ExitCode":137,
				 "StartedAt":"2026-11-29T09:54:06Z","FinishedAt":"2026-11-29T09:54:07Z"},"Config":{"Image":"i"}}"""));

		assertThat(container.oomKilled()).isTrue();
		assertThat(container.exitCode()).isEqualTo(137);
	}

	@Test
	void zeroBlankAndMalformedTimesAreNull() {
		assertThat(DockerStates.time(DockerStates.NEVER)).isNull();
		assertThat(DockerStates.time("")).isNull();
		assertThat(DockerStates.time(null)).isNull();
		assertThat(DockerStates.time("yesterday")).isNull();
		assertThat(DockerStates.time("2026-11-29T09:54:06.801979696Z"))
			.isEqualTo(Instant.ofEpochSecond(1795946046L, 801979696L));
	}

	@Test
	void mapsReportedEventActionsAndIgnoresOthers() {
		assertThat(DockerStates.eventType("start")).contains(ContainerEvent.Type.STARTED);
		assertThat(DockerStates.eventType("die")).contains(ContainerEvent.Type.DIED);
		assertThat(DockerStates.eventType("oom")).contains(ContainerEvent.Type.OOM_KILLED);
		assertThat(DockerStates.eventType("destroy")).contains(ContainerEvent.Type.DESTROYED);
		assertThat(DockerStates.eventType("kill")).isEmpty();
		assertThat(DockerStates.eventType("exec_die")).isEmpty();
		assertThat(DockerStates.eventType(null)).isEmpty();
	}

	@Test
	void dieEventCarriesExitCodeNameLabelsAndNanosecondTime() throws Exception {
		Event event = JSON.readValue("""
				{"status":"die","id":"c0ffee","from":"dcf-test/sleeper:latest","Type":"container","Action":"die",
				 "Actor":{"ID":"c0ffee","Attributes":{"dcf.job-id":"j1","exitCode":"3",
				  "image":"dcf-test/sleeper:latest","name":"dcf-j1-0"}},
				 "scope":"local","time":1795945841,"timeNano":1795945841727191344}""", Event.class);

		ContainerEvent mapped = DockerStates.event(event, NOW).orElseThrow();

		assertThat(mapped.type()).isEqualTo(ContainerEvent.Type.DIED);
		assertThat(mapped.containerId()).isEqualTo("c0ffee");
		assertThat(mapped.name()).isEqualTo("dcf-j1-0");
		assertThat(mapped.exitCode()).isEqualTo(3);
		assertThat(mapped.labels()).containsOnlyKeys("dcf.job-id");
		assertThat(mapped.time()).isEqualTo(Instant.ofEpochSecond(1795945841L, 727191344L));
	}

	@Test
	void startEventHasNoExitCode() throws Exception {
		Event event = JSON.readValue("""
				{"Type":"container","Action":"start","Actor":{"ID":"c1","Attributes":{"name":"n","exitCode":"0"}},
				 "time":1795945841}""", Event.class);

		ContainerEvent mapped = DockerStates.event(event, NOW).orElseThrow();

		assertThat(mapped.type()).isEqualTo(ContainerEvent.Type.STARTED);
		assertThat(mapped.exitCode()).isNull();
		assertThat(mapped.time()).isEqualTo(Instant.ofEpochSecond(1795945841L));
	}

	@Test
	void eventWithoutTimeTakesNow() {
		assertThat(DockerStates.eventTime(null, null, NOW)).isEqualTo(NOW);
		assertThat(DockerStates.eventTime(0L, 0L, NOW)).isEqualTo(NOW);
	}

	@Test
	void unreportedEventIsEmpty() throws Exception {
		Event event = JSON.readValue("""
				{"Type":"container","Action":"kill","Actor":{"ID":"c1","Attributes":{"signal":"15"}}}""", Event.class);

		assertThat(DockerStates.event(event, NOW)).isEmpty();
	}

	@Test
	void namesLoseTheirLeadingSlash() {
		assertThat(DockerStates.name("/dcf-j1-0")).isEqualTo("dcf-j1-0");
		assertThat(DockerStates.name("plain")).isEqualTo("plain");
		assertThat(DockerStates.name(null)).isNull();
	}

	private static InspectContainerResponse inspect(String json) throws Exception {
		return JSON.readValue(json, InspectContainerResponse.class);
	}

}
