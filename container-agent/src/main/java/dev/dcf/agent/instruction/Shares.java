package dev.dcf.agent.instruction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a whole job asks of its generators, split between its containers: a target rate
 * (each container gets {@code RATE} = rate / containers) and a record limit (each gets
 * {@code MAX_RECORDS} = limit / containers, the first {@code limit % containers} one
 * more, so the shares add up to the limit). Pure.
 *
 * @param targetRate records per second for the whole job, null for none
 * @param maxRecords records for the whole job, null for no limit
 */
public record Shares(Double targetRate, Long maxRecords) {

	/** Neither a rate nor a limit. */
	public static final Shares NONE = new Shares(null, null);

	static final String RATE = "RATE";

	static final String MAX_RECORDS = "MAX_RECORDS";

	/**
	 * The variables container {@code index} of {@code containers} gets.
	 * @param index the container's index
	 * @param containers how many containers the job runs
	 * @return {@code RATE} and/or {@code MAX_RECORDS}, empty when the job sets neither
	 */
	Map<String, String> environment(int index, int containers) {
		Map<String, String> env = new LinkedHashMap<>();
		if (this.targetRate != null && containers > 0) {
			BigDecimal share = BigDecimal.valueOf(this.targetRate)
				.divide(BigDecimal.valueOf(containers), 3, RoundingMode.HALF_UP)
				.stripTrailingZeros();
			env.put(RATE, share.toPlainString());
		}
		if (this.maxRecords != null && containers > 0) {
			long share = this.maxRecords / containers + ((index < this.maxRecords % containers) ? 1 : 0);
			env.put(MAX_RECORDS, Long.toString(share));
		}
		return env;
	}

}
