package dev.dcf.handler;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The job handler: GUI, REST API, placement and schedules.
 */
@SpringBootApplication
public class JobHandlerApplication {

	public static void main(String[] args) {
		SpringApplication.run(JobHandlerApplication.class, args);
	}

}
