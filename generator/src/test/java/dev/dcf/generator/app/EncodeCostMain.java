package dev.dcf.generator.app;

import dev.dcf.generator.engine.GeneratorContext;
import dev.dcf.generator.engine.RecordGenerator;

/**
 * Nanoseconds per record of generating and of encoding the benchmark's readings, no
 * Kafka.
 */
final class EncodeCostMain {

	private EncodeCostMain() {
	}

	public static void main(String[] args) {
		RecordGenerator generator = BenchSpecs.readingsTemplate().generator(new GeneratorContext(1, 0, 1));
		Encoder json = TextEncoders.json();
		for (int round = 0; round < 5; round++) {
			long start = System.nanoTime();
			long sum = 0;
			for (int i = 0; i < 1_000_000; i++) {
				sum += generator.next().sequence();
			}
			long mid = System.nanoTime();
			for (int i = 0; i < 1_000_000; i++) {
				sum += json.encode(generator.next().value()).length;
			}
			long end = System.nanoTime();
			System.out.printf("generate %d ns, generate + encode %d ns (%d)%n", (mid - start) / 1_000_000,
					(end - mid) / 1_000_000, sum % 10);
		}
	}

}
