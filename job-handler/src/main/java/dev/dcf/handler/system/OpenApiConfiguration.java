package dev.dcf.handler.system;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI document of the REST API ({@code /v3/api-docs}, Swagger UI at
 * {@code /swagger-ui.html}), with HTTP Basic as its security scheme.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	private static final String BASIC = "basicAuth";

	@Bean
	OpenAPI dcfOpenApi() {
		return new OpenAPI()
			.info(new Info().title("DCF job handler API")
				.version("v1")
				.description("Create, start, stop and delete data-generator jobs; see agents. "
						+ "Errors are RFC 9457 problem details."))
			.components(new Components().addSecuritySchemes(BASIC,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
			.addSecurityItem(new SecurityRequirement().addList(BASIC));
	}

}
