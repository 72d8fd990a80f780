package dev.dcf.agent.instruction;

import java.util.List;
import java.util.regex.Pattern;
import dev.dcf.schemes.image.ImageReference;

/**
 * Which images jobs may run here, as glob patterns: {@code *} matches within one path
 * segment (never a {@code /}), {@code **} matches across segments, {@code ?} one
 * character of a segment. A pattern must match the whole reference; an untagged reference
 * is also tried with {@code :latest}, so {@code dcf/*:latest} allows {@code dcf/gen}. No
 * patterns = every image is allowed.
 */
final class ImageAllowList {

	private final List<String> globs;

	private final List<Pattern> patterns;

	ImageAllowList(List<String> globs) {
		this.globs = List.copyOf(globs);
		this.patterns = this.globs.stream().map(ImageAllowList::toRegex).map(Pattern::compile).toList();
	}

	boolean permits(String image) {
		if (this.patterns.isEmpty()) {
			return true;
		}
		String tagged = ImageReference.withDefaultTag(image);
		return this.patterns.stream()
			.anyMatch((pattern) -> pattern.matcher(image).matches() || pattern.matcher(tagged).matches());
	}

	List<String> globs() {
		return this.globs;
	}

	static String toRegex(String glob) {
		StringBuilder regex = new StringBuilder();
		StringBuilder literal = new StringBuilder();
		for (int i = 0; i < glob.length(); i++) {
			char c = glob.charAt(i);
			if (c == '*' || c == '?') {
				if (!literal.isEmpty()) {
					regex.append(Pattern.quote(literal.toString()));
					literal.setLength(0);
				}
				if (c == '?') {
					regex.append("[^/]");
				}
				else if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
					regex.append(".*");
					i++;
				}
				else {
					regex.append("[^/]*");
				}
			}
			else {
				literal.append(c);
			}
		}
		if (!literal.isEmpty()) {
			regex.append(Pattern.quote(literal.toString()));
		}
		return regex.toString();
	}

}
