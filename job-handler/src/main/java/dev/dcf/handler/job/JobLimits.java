package dev.dcf.handler.job;

import java.time.Duration;
import java.util.List;

import org.springframework.util.unit.DataSize;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Bounds of what one job may ask for, per container where it says so.
 *
 * @param minContainers fewest containers
 * @param maxContainers most containers
 * @param minCpu smallest CPU limit per container
 * @param maxCpu largest CPU limit per container
 * @param minMemoryMb smallest memory limit per container in MiB
 * @param maxMemoryMb largest memory limit per container in MiB
 * @param minDuration shortest duration
 * @param maxDuration longest duration
 * @param reservedTopics topics jobs may not write to besides the management topics, their
 * dead-letter topics and {@code _schemas} (e.g. management topics under configured names)
 * @param maxInstructionSize most bytes a job's settings that travel in its start
 * instruction (image, topic, command, environment) may take: below the broker's message
 * limit (1 MB by default), so the instruction can always be sent
 */
@Validated
@ConfigurationProperties("dcf.handler.limits")
public record JobLimits(@DefaultValue("1") @Min(1) int minContainers, @DefaultValue("50") @Min(1) int maxContainers,
		@DefaultValue("0.1") @DecimalMin("0.001") double minCpu,
		@DefaultValue("8.0") @DecimalMin("0.001") double maxCpu, @DefaultValue("64") @Min(4) int minMemoryMb,
		@DefaultValue("16384") @Min(4) int maxMemoryMb, @DefaultValue("10s") @NotNull Duration minDuration,
		@DefaultValue("7d") @NotNull Duration maxDuration, @DefaultValue( {
		}) List<String> reservedTopics, @DefaultValue("900KB") @NotNull DataSize maxInstructionSize){

	public JobLimits {
		reservedTopics = (reservedTopics != null) ? List.copyOf(reservedTopics) : List.of();
		if (minContainers > maxContainers || minCpu > maxCpu || minMemoryMb > maxMemoryMb
				|| minDuration.compareTo(maxDuration) > 0) {
			throw new IllegalArgumentException("dcf.handler.limits: every minimum must be at most its maximum");
		}
	}

	/**
	 * The defaults (containers 1–50, CPU 0.1–8.0, memory 64–16384 MiB, duration 10 s–7
	 * days, settings in an instruction up to 900 KB).
	 * @return the default limits
	 */
	public static JobLimits defaults() {
		return new JobLimits(1, 50, 0.1, 8.0, 64, 16384, Duration.ofSeconds(10), Duration.ofDays(7), List.of(),
				DataSize.ofKilobytes(900));
	}

}
