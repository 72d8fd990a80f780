package dev.dcf.agent.runtime.docker;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.api.model.PullResponseItem;
import org.junit.jupiter.api.Test;

import dev.dcf.agent.runtime.PullBytes;

import static org.assertj.core.api.Assertions.assertThat;

class PullProgressTests {

	private static final ObjectMapper JSON = new ObjectMapper();

	private final List<PullBytes> seen = new CopyOnWriteArrayList<>();

	private final PullProgress progress = new PullProgress(this.seen::add);

	@Test
	void sumsTheDownloadProgressOfAllLayers() throws Exception {
		this.progress.onNext(item("{\"status\":\"Pulling fs layer\",\"id\":\"a\"}"));
		this.progress.onNext(
				item("{\"status\":\"Downloading\",\"id\":\"a\",\"progressDetail\":{\"current\":100,\"total\":1000}}"));
		this.progress.onNext(
				item("{\"status\":\"Downloading\",\"id\":\"b\",\"progressDetail\":{\"current\":50,\"total\":500}}"));
		this.progress.onNext(item("{\"status\":\"Download complete\",\"id\":\"b\"}"));
		// extraction progress is not download progress
		this.progress
			.onNext(item("{\"status\":\"Extracting\",\"id\":\"b\",\"progressDetail\":{\"current\":1,\"total\":9999}}"));

		assertThat(this.progress.bytes()).isEqualTo(new PullBytes(600, 1500));
		assertThat(this.seen).last().isEqualTo(new PullBytes(600, 1500));
	}

	@Test
	void nothingIsKnownBeforeTheFirstLayerStarts() throws Exception {
		this.progress.onNext(item("{\"status\":\"Pulling from team/gen\",\"id\":\"1\"}"));

		assertThat(this.progress.bytes().known()).isFalse();
		assertThat(this.seen).isEmpty();
	}

	@Test
	void aListenerThatThrowsDoesNotDisturbThePull() throws Exception {
		PullProgress failing = new PullProgress((bytes) -> {
			throw new IllegalStateException("boom");
		});

		failing
			.onNext(item("{\"status\":\"Downloading\",\"id\":\"a\",\"progressDetail\":{\"current\":1,\"total\":2}}"));

		assertThat(failing.bytes()).isEqualTo(new PullBytes(1, 2));
		assertThat(failing.streamError()).isNull();
	}

	private static PullResponseItem item(String json) throws Exception {
		return JSON.readValue(json, PullResponseItem.class);
	}

}
