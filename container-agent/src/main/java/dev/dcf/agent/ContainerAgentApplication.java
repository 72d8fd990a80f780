package dev.dcf.agent;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The container agent: one per Docker host.
 */
@SpringBootApplication
public class ContainerAgentApplication {

	public static void main(String[] args) {
		SpringApplication.run(ContainerAgentApplication.class, args);
	}

}
