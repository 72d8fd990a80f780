package dev.dcf.handler;

import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.context.annotation.Import;

import dev.dcf.handler.agent.AgentService;

/**
 * The persistence contract on H2 (in memory), with the Flyway migrations and schema
 * validation.
 */
@DataJpaTest(showSql = false)
@Import(AgentService.class)
class PersistenceTests extends PersistenceContract {

}
