package dev.dcf.testsupport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;

/**
 * The raw-Docker figure the benchmarks print next to DCF's own in the same run
 * (docs/benchmarks.md: absolute times on a shared machine are noisy, so each figure is
 * compared with this one): create + start of {@link TestImages#SLEEPER} through
 * docker-java on {@code /var/run/docker.sock}, with the host config the agent gives a
 * job's container. The containers carry the label {@code dcf.bench=raw} and are removed
 * outside the time taken. Needs docker-java on the class path (an optional dependency of
 * the kit: the agent's and the handler's tests have it).
 */
public final class RawDockerBaseline {

	private static final int WARM_UPS = 3;

	private RawDockerBaseline() {
	}

	/**
	 * One container at a time, after three untimed warm-ups.
	 * @param runs how many timed create + start
	 * @param nanoCpus the CPU limit, as the agent sets it for a job of that size
	 * @return milliseconds of each
	 */
	public static List<Double> createStartMillis(int runs, long nanoCpus) throws IOException {
		List<Double> millis = new ArrayList<>();
		try (DockerClient docker = DockerInspector.connect()) {
			for (int i = -WARM_UPS; i < runs; i++) {
				long start = System.nanoTime();
				String id = createStart(docker, nanoCpus);
				double elapsed = (System.nanoTime() - start) / 1e6;
				if (i >= 0) {
					millis.add(elapsed);
				}
				docker.removeContainerCmd(id).withForce(true).exec();
			}
		}
		return millis;
	}

	/**
	 * {@code count} containers one after the other, all kept running until the last has
	 * started.
	 * @param count how many containers
	 * @param nanoCpus the CPU limit, as the agent sets it for a job of that size
	 * @return seconds for all
	 */
	public static double sequentialCreateStartSeconds(int count, long nanoCpus) throws IOException {
		try (DockerClient docker = DockerInspector.connect()) {
			List<String> ids = new ArrayList<>();
			long start = System.nanoTime();
			for (int i = 0; i < count; i++) {
				ids.add(createStart(docker, nanoCpus));
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			for (String id : ids) {
				docker.removeContainerCmd(id).withForce(true).exec();
			}
			return seconds;
		}
	}

	/**
	 * A Markdown table row of a benchmark's measurements:
	 * {@code | name | median unit | min | max | n |}.
	 * @param name what was measured
	 * @param values the measurements, at least one
	 * @param unit the unit of the values
	 */
	public static String row(String name, List<Double> values, String unit) {
		List<Double> sorted = values.stream().sorted().toList();
		int n = sorted.size();
		double median = (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
		return String.format(Locale.ROOT, "| %s | %.1f %s | %.1f | %.1f | %d |", name, median, unit, sorted.get(0),
				sorted.get(n - 1), n);
	}

	private static String createStart(DockerClient docker, long nanoCpus) {
		HostConfig host = HostConfig.newHostConfig()
			.withNetworkMode("host")
			.withNanoCPUs(nanoCpus)
			.withMemory(64L << 20)
			.withCapDrop(Capability.ALL)
			.withSecurityOpts(List.of("no-new-privileges"))
			.withPidsLimit(256L);
		String id = docker.createContainerCmd(TestImages.SLEEPER)
			.withName("dcf-bench-raw-" + UUID.randomUUID().toString().substring(0, 8))
			.withLabels(Map.of("dcf.bench", "raw"))
			.withHostConfig(host)
			.exec()
			.getId();
		docker.startContainerCmd(id).exec();
		return id;
	}

}
