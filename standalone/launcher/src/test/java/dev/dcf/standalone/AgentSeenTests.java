package dev.dcf.standalone;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import dev.dcf.standalone.AgentCheckIn.AgentSeen;

import static org.assertj.core.api.Assertions.assertThat;

class AgentSeenTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void healthyAgentIsJustItsStatus() {
		AgentSeen seen = AgentSeen.parse(this.json.readTree("""
				{"id":"a","status":"HEALTHY","checks":[{"name":"docker","passed":true,"message":"20.10"}]}"""));

		assertThat(seen.describe()).isEqualTo("HEALTHY");
	}

	@Test
	void countsOnlyAHeartbeatReceivedSinceTheAgentStarted() {
		AgentSeen seen = AgentSeen.parse(this.json.readTree("""
				{"id":"a","status":"STOPPING","checks":[],"lastHeartbeatAt":"2026-11-29T10:00:05Z"}"""));

		assertThat(seen.heardSince(Instant.parse("2026-11-29T10:00:05Z"))).isTrue();
		assertThat(seen.heardSince(Instant.parse("2026-11-29T10:00:06Z"))).isFalse();
	}

	@Test
	void readsEpochSecondsAndMissingHeartbeatTimes() {
		AgentSeen numeric = AgentSeen.parse(this.json.readTree("""
				{"status":"HEALTHY","lastHeartbeatAt":1764410405.5}"""));
		AgentSeen none = AgentSeen.parse(this.json.readTree("""
				{"status":"HEALTHY"}"""));

		assertThat(numeric.lastHeartbeatAt()).isEqualTo(Instant.ofEpochSecond(1764410405, 500_000_000));
		assertThat(none.heardSince(Instant.EPOCH)).isFalse();
	}

	@Test
	void unhealthyAgentNamesItsFailedChecks() {
		AgentSeen seen = AgentSeen.parse(this.json.readTree("""
				{"id":"a","status":"UNHEALTHY","checks":[
				  {"name":"docker","passed":false,"message":"daemon not reachable"},
				  {"name":"memory","passed":true,"message":"ok"},
				  {"name":"disk","passed":false,"message":"1 MB free"}]}"""));

		assertThat(seen.describe()).isEqualTo("UNHEALTHY (docker: daemon not reachable; disk: 1 MB free)");
	}

}
