package dev.dcf.faults;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;

/**
 * A second dockerd of the suite's own, so that the daemon of agent 2 can be frozen
 * ({@code kill -STOP}) without touching the machine's daemon. No iptables (the generators
 * use the host network), its own containerd namespaces, and its own directories under a
 * short workspace path (unix socket paths must stay under 108 characters).
 * <p>
 * Its default bridge is one the suite creates ({@link #BRIDGE}), never
 * {@code --bridge=none}: a dockerd started with no bridge deletes the host's
 * {@code docker0}, which belongs to the machine's own daemon, and every later container
 * on the default network would fail.
 */
final class SecondDockerDaemon extends ChildProcess implements AutoCloseable {

	/** The second daemon's own default bridge. */
	static final String BRIDGE = "dcf-faults0";

	private final Path dir;

	SecondDockerDaemon(Path workspace, Path logs) {
		super("dockerd-2", logs.resolve("dockerd-2.log"), workspace);
		this.dir = workspace;
	}

	String host() {
		return "unix://" + this.dir.resolve("d2.sock");
	}

	@Override
	List<String> command() {
		return List.of("dockerd", "--host", host(), "--data-root", this.dir.resolve("data").toString(), "--exec-root",
				this.dir.resolve("exec").toString(), "--pidfile", this.dir.resolve("d2.pid").toString(),
				"--bridge=" + BRIDGE, "--iptables=false", "--ip-masq=false", "--containerd-namespace=dcf-faults",
				"--containerd-plugins-namespace=dcf-faults-plugins");
	}

	void startAndAwait() {
		Shell.tryRun(List.of("ip", "link", "add", BRIDGE, "type", "bridge"), 10);
		Shell.run(List.of("ip", "link", "set", BRIDGE, "up"), 10);
		start();
		await().alias("second dockerd answers on " + host())
			.atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> {
				if (!isAlive()) {
					throw new IllegalStateException("second dockerd exited; see dockerd-2.log");
				}
				return Shell.tryRun(List.of("docker", "-H", host(), "version"), 10).exitCode() == 0;
			});
	}

	/** Copies an image of the machine's daemon in: no registry is needed. */
	void load(String image) {
		Shell.run(List.of("bash", "-c", "set -o pipefail; docker save " + image + " | docker -H " + host() + " load"),
				300);
	}

	@Override
	public void close() {
		thaw();
		if (isAlive()) {
			Shell.tryRun(List.of("bash", "-c",
					"ids=$(docker -H " + host()
							+ " ps -aq --filter label=dcf.managed=true); [ -z \"$ids\" ] || docker -H " + host()
							+ " rm -f $ids"),
					60);
		}
		stop(20);
		// a daemon killed hard may leave its overlay mounts; unmount before deleting
		Shell.tryRun(List.of("bash", "-c",
				"grep -o ' " + this.dir + "/[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l"), 30);
		Shell.tryRun(List.of("rm", "-rf", this.dir.resolve("data").toString(), this.dir.resolve("exec").toString()),
				120);
		Shell.tryRun(List.of("ip", "link", "delete", BRIDGE), 10);
	}

}
