package dev.dcf.testsupport;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks tests that need a Docker daemon. Before they run, the daemon must answer
 * {@code GET /_ping} on its unix socket ({@code DOCKER_HOST} if it is {@code unix://...},
 * else {@code /var/run/docker.sock}). If it does not, the tests are skipped with a
 * message saying so, or, when the environment variable {@code DCF_REQUIRE} names docker
 * ({@link RequiredTools}) is set (as in CI), they fail.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(DockerAvailableCondition.class)
public @interface RequiresDocker {

}
