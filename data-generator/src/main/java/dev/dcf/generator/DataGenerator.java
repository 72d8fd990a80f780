package dev.dcf.generator;

/**
 * Placeholder entry point; replaced by the sample generator.
 */
public final class DataGenerator {

	private DataGenerator() {
	}

	public static void main(String[] args) {
	}

}
