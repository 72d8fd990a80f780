package dev.dcf.standalone;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;

import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.StandardEnvironment;

import dev.dcf.agent.SharedJvmLogging;

/**
 * One of DCF's Spring Boot apps run inside the standalone JVM, in its own application
 * context with its own environment, so the handler's and the agent's beans and
 * {@code spring.*} settings never meet.
 * <p>
 * Both apps keep their settings in {@code application.yaml}; on one classpath only the
 * first of those would be found. So each context reads the file from its own app's jar
 * ({@code spring.config.location} = the root of the jar or directory the app's main class
 * comes from), which also finds its profile files ({@code application-*.yaml}).
 * <p>
 * Properties come in two layers: {@code fixed} ones win over everything (they tie the app
 * to the embedded broker and registry), {@code defaults} sit below arguments, system
 * properties and environment variables but above the app's {@code application.yaml}, so a
 * user can still change them.
 */
final class EmbeddedApp {

	static final String FIXED_SOURCE = "dcf-standalone-fixed";

	static final String DEFAULTS_SOURCE = "dcf-standalone-defaults";

	private final Class<?> mainClass;

	private final Map<String, Object> fixed = new LinkedHashMap<>();

	private final Map<String, Object> defaults = new LinkedHashMap<>();

	private final List<Prerequisite> prerequisites = new ArrayList<>();

	EmbeddedApp(Class<?> mainClass) {
		this.mainClass = Objects.requireNonNull(mainClass, "mainClass");
		this.fixed.put("spring.config.location", configRoot(mainClass));
		this.fixed.put("spring.main.banner-mode", "off");
		// the launcher closes the contexts itself, in order (agent before handler)
		this.fixed.put("spring.main.register-shutdown-hook", "false");
		this.fixed.put("logging.register-shutdown-hook", "false");
		// one console for both apps: the name of the first would stick to every line
		this.fixed.put("logging.include-application-name", "false");
	}

	/** A property that arguments and environment variables cannot override. */
	EmbeddedApp fixed(String name, Object value) {
		this.fixed.put(name, value);
		return this;
	}

	/** A property that arguments and environment variables can override. */
	EmbeddedApp byDefault(String name, Object value) {
		this.defaults.put(name, value);
		return this;
	}

	/**
	 * The app's beans are created while {@code future} runs; nothing in the app starts
	 * before it completed (see {@link Prerequisite}).
	 */
	EmbeddedApp after(Future<?> future, String what) {
		this.prerequisites.add(new Prerequisite(future, what));
		return this;
	}

	Map<String, Object> fixedProperties() {
		return Map.copyOf(this.fixed);
	}

	Map<String, Object> defaultProperties() {
		return Map.copyOf(this.defaults);
	}

	/** Starts the app; the caller closes the returned context. */
	ConfigurableApplicationContext run(String[] args) {
		SpringApplicationBuilder builder = new SpringApplicationBuilder(this.mainClass).main(this.mainClass)
			.bannerMode(Banner.Mode.OFF)
			.registerShutdownHook(false)
			.listeners(new Layers(this.fixed, this.defaults))
			.initializers(this.prerequisites.toArray(Prerequisite[]::new));
		// the handler's and the agent's contexts start side by side in this JVM
		SharedJvmLogging.takeTurns(builder.application());
		return builder.run(args);
	}

	/**
	 * The root ({@code .../}) of the jar or class directory the class was loaded from, as
	 * a URL Spring's resource loading understands ({@code file:}, {@code jar:file:...!/},
	 * or {@code jar:nested:...!/} inside the launcher's own jar).
	 * @throws IllegalStateException if that root has no {@code application.yaml}
	 */
	static String configRoot(Class<?> type) {
		String resource = type.getName().replace('.', '/') + ".class";
		URL url = type.getClassLoader().getResource(resource);
		if (url == null) {
			throw new IllegalStateException("Cannot find " + resource + " on the classpath");
		}
		String text = url.toString();
		String root = text.substring(0, text.length() - resource.length());
		try (InputStream in = URI.create(root + "application.yaml").toURL().openStream()) {
			in.read();
		}
		catch (IOException | IllegalArgumentException ex) {
			throw new IllegalStateException("No application.yaml beside " + type.getName() + " at " + root, ex);
		}
		return root;
	}

	/**
	 * Adds the two layers to the app's environment before Spring Boot reads its config
	 * files (this listener runs ahead of Boot's environment post-processors).
	 */
	private record Layers(Map<String, Object> fixed,
			Map<String, Object> defaults) implements ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

		@Override
		public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
			MutablePropertySources sources = event.getEnvironment().getPropertySources();
			sources.addFirst(new MapPropertySource(FIXED_SOURCE, Map.copyOf(this.fixed)));
			MapPropertySource defaultsSource = new MapPropertySource(DEFAULTS_SOURCE, Map.copyOf(this.defaults));
			if (sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)) {
				sources.addAfter(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, defaultsSource);
			}
			else {
				sources.addLast(defaultsSource);
			}
		}

		@Override
		public int getOrder() {
			return Ordered.HIGHEST_PRECEDENCE;
		}

	}

}
