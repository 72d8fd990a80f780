package dev.dcf.generator.engine.template;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/generator.md is the reference: every expression the engine knows is in it. */
class ExpressionDocsTests {

	@Test
	void everyExpressionIsDocumented() throws IOException {
		String docs = Files.readString(Path.of("..", "docs", "generator.md"));
		assertThat(Expressions.names()).hasSizeGreaterThan(40)
			.allSatisfy((name) -> assertThat(docs).as(name)
				.containsAnyOf("`" + name + "`", "`" + name + "(", "`" + name + ","));
	}

}
