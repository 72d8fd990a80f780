package dev.dcf.generator.app;

/**
 * The generator in a JVM of its own for {@link GeneratorBenchmark}: the app's code path
 * with the benchmark's JSON readings, configured by the environment like the image.
 */
public final class GeneratorBenchMain {

	private GeneratorBenchMain() {
	}

	public static void main(String[] args) {
		GeneratorRun run = GeneratorRun.create(System.getenv(), BenchSpecs.jsonReadings(), System::nanoTime);
		System.exit(run.run());
	}

}
