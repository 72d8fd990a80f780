package dev.dcf.handler.run;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * The formats of a run report, chosen by {@code ?format=} (wins) or the {@code Accept}
 * header: JSON unless CSV is asked for.
 */
public enum ReportFormat {

	JSON(MediaType.APPLICATION_JSON, "json"), CSV(new MediaType("text", "csv", StandardCharsets.UTF_8), "csv");

	private final MediaType mediaType;

	private final String extension;

	ReportFormat(MediaType mediaType, String extension) {
		this.mediaType = mediaType;
		this.extension = extension;
	}

	public MediaType mediaType() {
		return this.mediaType;
	}

	/**
	 * The file name a download is saved as.
	 * @param report the report
	 * @return e.g. {@code job-<id>-run-2.csv}
	 */
	public String fileName(RunReport report) {
		return "job-" + report.jobId() + "-run-" + report.runNumber() + "." + this.extension;
	}

	/**
	 * The format a {@code ?format=} value names.
	 * @param value {@code json} or {@code csv}, any case
	 * @return the format, empty for anything else
	 */
	public static Optional<ReportFormat> ofParameter(String value) {
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "json" -> Optional.of(JSON);
			case "csv" -> Optional.of(CSV);
			default -> Optional.empty();
		};
	}

	/**
	 * The format an {@code Accept} header asks for: of the types it accepts, the one with
	 * the highest quality, a concrete type before a wildcard, then the first.
	 * @param accept the header, {@code null} or blank for "anything"
	 * @return the format, empty if it accepts neither (or cannot be read)
	 */
	public static Optional<ReportFormat> ofAccept(String accept) {
		if (accept == null || accept.isBlank()) {
			return Optional.of(JSON);
		}
		List<MediaType> types;
		try {
			types = MediaType.parseMediaTypes(accept);
		}
		catch (InvalidMediaTypeException ex) {
			return Optional.empty();
		}
		ReportFormat best = null;
		double bestQuality = 0;
		boolean bestConcrete = false;
		for (MediaType type : types) {
			ReportFormat format = type.isCompatibleWith(JSON.mediaType) ? JSON
					: type.isCompatibleWith(CSV.mediaType) ? CSV : null;
			double quality = type.getQualityValue();
			boolean concrete = !type.isWildcardType() && !type.isWildcardSubtype();
			if (format != null && quality > 0
					&& (quality > bestQuality || (quality == bestQuality && concrete && !bestConcrete))) {
				best = format;
				bestQuality = quality;
				bestConcrete = concrete;
			}
		}
		return Optional.ofNullable(best);
	}

}
