package dev.dcf.standalone;

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
	void unhealthyAgentNamesItsFailedChecks() {
		AgentSeen seen = AgentSeen.parse(this.json.readTree("""
				{"id":"a","status":"UNHEALTHY","checks":[
				  {"name":"docker","passed":false,"message":"daemon not reachable"},
				  {"name":"memory","passed":true,"message":"ok"},
				  {"name":"disk","passed":false,"message":"1 MB free"}]}"""));

		assertThat(seen.describe()).isEqualTo("UNHEALTHY (docker: daemon not reachable; disk: 1 MB free)");
	}

}
