package dev.dcf.handler.system;

import java.time.Duration;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How failed logins slow down the next ones ({@link LoginThrottle}).
 *
 * @param perUser failures in a row one user name may have before backing off
 * @param perAddress failures in a row one client address may have before backing off
 * (higher: many users may share an address)
 * @param maxBackoff the longest wait: the first is 1 s, each further failure doubles it
 * @param forgetAfter a name or address without failures this long starts afresh
 */
@Validated
@ConfigurationProperties("dcf.security.login-throttle")
public record LoginThrottleProperties(@DefaultValue("5") @Min(1) int perUser,
		@DefaultValue("20") @Min(1) int perAddress, @DefaultValue("60s") @NotNull Duration maxBackoff,
		@DefaultValue("15m") @NotNull Duration forgetAfter) {

}
