package dev.dcf.handler.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The GUI's static files, served under their own paths only (Spring Boot's {@code /**}
 * mapping is off: {@code spring.web.resources.add-mappings=false}).
 *
 * <p>
 * Why: with a WebJars locator on the classpath Spring Boot turns on the resource chain,
 * whose URL encoding asks every resource mapping about every link a page renders. Under
 * {@code /**} that is every link, and each miss (a job's own page, its start and stop
 * forms) was looked up in four classpath locations inside the jars: about 80 % of the
 * jobs page's rendering time. The chain stays on for these mappings, so version-less
 * WebJars paths such as {@code /webjars/bootstrap/css/bootstrap.min.css} still resolve.
 */
@Configuration(proxyBeanMethods = false)
class StaticResources implements WebMvcConfigurer {

	@Override
	public void addResourceHandlers(ResourceHandlerRegistry registry) {
		registry.addResourceHandler("/css/**").addResourceLocations("classpath:/static/css/").resourceChain(true);
		registry.addResourceHandler("/js/**").addResourceLocations("classpath:/static/js/").resourceChain(true);
		registry.addResourceHandler("/favicon.svg").addResourceLocations("classpath:/static/").resourceChain(true);
		registry.addResourceHandler("/webjars/**")
			.addResourceLocations("classpath:/META-INF/resources/webjars/")
			.resourceChain(true);
	}

}
