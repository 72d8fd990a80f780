package dev.dcf.handler.throughput;

import java.util.Collection;
import java.util.Map;

/**
 * Port to the brokers (implemented in {@code messaging}): many topics sampled at once, in
 * a constant number of batched requests however many topics there are.
 */
public interface TopicSampler {

	/**
	 * Samples topics.
	 * @param topics the topics
	 * @return a sample per topic that could be read within the sampler's timeout; topics
	 * missing from the map were not readable this round
	 */
	Map<String, TopicSample> sample(Collection<String> topics);

}
