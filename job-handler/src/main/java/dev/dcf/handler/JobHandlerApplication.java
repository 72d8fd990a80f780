package dev.dcf.handler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The job handler: GUI, REST API, placement and schedules.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class JobHandlerApplication {

	public static void main(String[] args) {
		SpringApplication.run(JobHandlerApplication.class, args);
	}

}
