package dev.dcf.handler.messaging;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of peeking at a topic's records ({@code dcf.handler.peek.*}).
 *
 * @param maxValueSize each key, value and header is shown cut to this many characters
 * (hexadecimal: a third as many bytes)
 * @param timeout how long one peek may take in all (finding the partitions, their
 * offsets, fetching); the records read by then are shown, a cluster that has not answered
 * by then is reported unavailable. The schema registry gets at most this long per schema
 * too
 */
@Validated
@ConfigurationProperties("dcf.handler.peek")
record PeekProperties(@DefaultValue("4KB") @NotNull DataSize maxValueSize,
		@DefaultValue("3s") @NotNull Duration timeout) {

	PeekProperties {
		if (maxValueSize != null && (maxValueSize.toBytes() < 16 || maxValueSize.toBytes() > 1024 * 1024)) {
			throw new IllegalArgumentException(
					"dcf.handler.peek.max-value-size must be between 16B and 1MB, was " + maxValueSize);
		}
		if (timeout != null && (timeout.isNegative() || timeout.isZero())) {
			throw new IllegalArgumentException("dcf.handler.peek.timeout must be positive, was " + timeout);
		}
	}

}
