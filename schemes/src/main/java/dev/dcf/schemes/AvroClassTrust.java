package dev.dcf.schemes;

import org.apache.avro.specific.AvroGenerated;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Makes Avro trust DCF's generated classes.
 *
 * <p>
 * Avro 1.12 instantiates a specific class named in a schema only if
 * {@link ClassSecurityValidator}'s global predicate trusts it; by default that is a few
 * {@code java.lang}/{@code java.math} classes plus what the system properties
 * {@code org.apache.avro.SERIALIZABLE_PACKAGES} and
 * {@code org.apache.avro.SERIALIZABLE_CLASSES} name (read once, when Avro first checks a
 * class). Without trust, decoding a {@code JobStatus} fails, and so does
 * {@code JobStatus.newBuilder()...build()}, because filling the default of
 * {@code containers} resolves {@code ContainerInfo} by name.
 *
 * <p>
 * {@link #install()} adds, to whatever predicate is in place, one that trusts
 * Avro-generated classes under {@value #TRUSTED_PACKAGE_PREFIX}; nothing else is widened.
 * It runs without any configuration: from the serde classes, and through
 * {@link AvroClassTrustConversion} whenever Avro creates a data model (a generated class
 * does that when it is loaded).
 */
public final class AvroClassTrust {

	/** Generated classes under this prefix are trusted. */
	public static final String TRUSTED_PACKAGE_PREFIX = "dev.dcf.";

	private static final ClassSecurityPredicate DCF_GENERATED = (
			type) -> type.getName().startsWith(TRUSTED_PACKAGE_PREFIX) && type.isAnnotationPresent(AvroGenerated.class);

	/** The predicate this class last installed; reinstalled if someone replaced it. */
	private static ClassSecurityPredicate installed;

	private AvroClassTrust() {
	}

	/**
	 * Extends Avro's global class predicate to trust DCF's generated classes. Idempotent
	 * and thread-safe.
	 */
	public static synchronized void install() {
		ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
		if (current == installed) {
			return;
		}
		installed = ClassSecurityValidator.composite(current, DCF_GENERATED);
		ClassSecurityValidator.setGlobal(installed);
	}

	/**
	 * Whether Avro currently trusts {@code type}.
	 * @param type a class
	 * @return {@code true} if Avro's global predicate trusts it
	 */
	public static boolean isTrusted(Class<?> type) {
		return ClassSecurityValidator.getGlobal().isTrusted(type);
	}

}
