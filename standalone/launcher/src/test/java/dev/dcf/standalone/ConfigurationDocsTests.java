package dev.dcf.standalone;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docs/configuration.md} names every {@code dcf.*} property of both apps and of
 * the launcher: the properties are read from the {@code @ConfigurationProperties} records
 * themselves, so a new setting without documentation fails here.
 */
class ConfigurationDocsTests {

	@Test
	void everyPropertyOfBothAppsAndTheLauncherIsDocumented() throws IOException {
		Set<String> properties = new TreeSet<>();
		for (String basePackage : List.of("dev.dcf.handler", "dev.dcf.agent", "dev.dcf.messaging")) {
			for (Class<?> type : configurationProperties(basePackage)) {
				String prefix = type.getAnnotation(ConfigurationProperties.class).value();
				addComponents(prefix, type, properties);
			}
		}
		addComponents(StandaloneSettings.PREFIX, StandaloneSettings.Raw.class, properties);
		properties.add(StandaloneSettings.DATA_DIR);
		String docs = Files.readString(RepositoryRoot.get().resolve("docs/configuration.md"), StandardCharsets.UTF_8);

		assertThat(properties).hasSizeGreaterThan(40);
		List<String> undocumented = properties.stream().filter((name) -> !docs.contains("`" + name + "`")).toList();
		assertThat(undocumented).as("dcf.* properties missing from docs/configuration.md").isEmpty();
	}

	private static List<Class<?>> configurationProperties(String basePackage) {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<Class<?>> types = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
			try {
				Class<?> type = Class.forName(candidate.getBeanClassName());
				if (type.isRecord()) {
					types.add(type);
				}
			}
			catch (ClassNotFoundException ex) {
				throw new IllegalStateException(ex);
			}
		}
		assertThat(types).as("@ConfigurationProperties records in " + basePackage).isNotEmpty();
		return types;
	}

	/** Record components as kebab-case keys; nested records (of our own) recursively. */
	private static void addComponents(String prefix, Class<?> record, Set<String> properties) {
		for (RecordComponent component : record.getRecordComponents()) {
			String name = prefix + "." + kebab(component.getName());
			Class<?> type = component.getType();
			if (type.isRecord() && type.getName().startsWith("dev.dcf.")) {
				addComponents(name, type, properties);
			}
			else {
				properties.add(name);
			}
		}
	}

	static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

}
