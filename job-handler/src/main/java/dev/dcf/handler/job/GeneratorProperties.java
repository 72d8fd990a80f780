package dev.dcf.handler.job;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Built-in generator settings ({@code dcf.handler.*}).
 *
 * @param generatorImage the image a job with a built-in generator runs when its request
 * names none
 */
@Validated
@ConfigurationProperties("dcf.handler")
public record GeneratorProperties(@DefaultValue("dcf/generator:latest") @NotBlank String generatorImage) {

	/** The default settings, for tests. */
	public static GeneratorProperties defaults() {
		return new GeneratorProperties("dcf/generator:latest");
	}

}
