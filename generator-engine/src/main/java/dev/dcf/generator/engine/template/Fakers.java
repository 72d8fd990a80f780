package dev.dcf.generator.engine.template;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import dev.dcf.generator.engine.SpecException;
import net.datafaker.Faker;

/**
 * Realistic values from Datafaker, drawn with the frame's seeded random source: short
 * aliases for the common ones and {@code faker(provider.method)} for any of Datafaker's
 * providers' methods without parameters (resolved once, when the template is parsed).
 */
final class Fakers {

	static final int MAX_POOL = 1_000_000;

	private Fakers() {
	}

	/** The aliases, in the order of the docs (docs/generator.md lists the same). */
	static Map<String, Function<Args, Node>> aliases() {
		Map<String, Function<Faker, Object>> aliases = new LinkedHashMap<>();
		aliases.put("firstName", (f) -> f.name().firstName());
		aliases.put("lastName", (f) -> f.name().lastName());
		aliases.put("fullName", (f) -> f.name().fullName());
		aliases.put("username", (f) -> f.credentials().username());
		aliases.put("email", (f) -> f.internet().emailAddress());
		aliases.put("safeEmail", (f) -> f.internet().safeEmailAddress());
		aliases.put("phone", (f) -> f.phoneNumber().cellPhone());
		aliases.put("company", (f) -> f.company().name());
		aliases.put("industry", (f) -> f.company().industry());
		aliases.put("product", (f) -> f.commerce().productName());
		aliases.put("department", (f) -> f.commerce().department());
		aliases.put("brand", (f) -> f.commerce().brand());
		aliases.put("color", (f) -> f.color().name());
		aliases.put("street", (f) -> f.address().streetAddress());
		aliases.put("city", (f) -> f.address().city());
		aliases.put("state", (f) -> f.address().state());
		aliases.put("zip", (f) -> f.address().zipCode());
		aliases.put("country", (f) -> f.address().country());
		aliases.put("countryCode", (f) -> f.address().countryCode());
		aliases.put("address", (f) -> f.address().fullAddress());
		aliases.put("latitude", (f) -> f.address().latitude());
		aliases.put("longitude", (f) -> f.address().longitude());
		aliases.put("ipv4", (f) -> f.internet().ipV4Address());
		aliases.put("ipv6", (f) -> f.internet().ipV6Address());
		aliases.put("mac", (f) -> f.internet().macAddress());
		aliases.put("url", (f) -> f.internet().url());
		aliases.put("domain", (f) -> f.internet().domainName());
		aliases.put("userAgent", (f) -> f.internet().userAgent());
		aliases.put("creditCard", (f) -> f.finance().creditCard());
		aliases.put("iban", (f) -> f.finance().iban());
		aliases.put("currency", (f) -> f.money().currencyCode());
		aliases.put("word", (f) -> f.lorem().word());
		aliases.put("sentence", (f) -> f.lorem().sentence());
		aliases.put("paragraph", (f) -> f.lorem().paragraph());
		Map<String, Function<Args, Node>> functions = new LinkedHashMap<>();
		aliases.forEach((name, draw) -> functions.put(name, (args) -> {
			args.count(0, 1, name + " or " + name + "(pool=<values>)");
			return pooled(args, 0, (frame) -> draw.apply(frame.faker()));
		}));
		return functions;
	}

	/** {@code faker(provider.method)}, e.g. {@code faker(name.firstName)}. */
	static Node generic(Args args) {
		String usage = "faker(provider.method) or faker(provider.method, pool=<values>), e.g. faker(name.firstName)";
		args.count(1, 2, usage);
		String[] parts = args.text(0).replace("()", "").split("\\.");
		if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
			throw args.error("'" + args.text(0) + "' is not provider.method (" + usage + ")");
		}
		Method provider = method(Faker.class, parts[0]);
		if (provider == null) {
			throw args.error("Datafaker has no provider '" + parts[0] + "' (" + usage + ")");
		}
		Method method = method(provider.getReturnType(), parts[1]);
		if (method == null || method.getReturnType() == void.class) {
			throw args.error("Datafaker's " + parts[0] + " has no method '" + parts[1] + "' without parameters");
		}
		MethodHandle getter;
		MethodHandle value;
		try {
			getter = MethodHandles.publicLookup()
				.unreflect(provider)
				.asType(MethodType.methodType(Object.class, Faker.class));
			value = MethodHandles.publicLookup()
				.unreflect(method)
				.asType(MethodType.methodType(Object.class, Object.class));
		}
		catch (IllegalAccessException ex) {
			throw args.error("Datafaker's " + args.text(0) + " cannot be called: " + ex.getMessage());
		}
		String path = args.path;
		String expression = args.expression;
		return pooled(args, 1, (frame) -> {
			try {
				return plain((Object) value.invokeExact((Object) getter.invokeExact(frame.faker())));
			}
			catch (Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new SpecException(path, "faker: {{" + expression + "}} failed: " + ex);
			}
		});
	}

	/**
	 * With {@code pool=n} at {@code at}: each generator draws its first {@code n} values
	 * from Datafaker (microseconds each) and then picks among them at random
	 * (nanoseconds).
	 */
	private static Node pooled(Args args, int at, Node draw) {
		if (args.size() <= at) {
			return draw;
		}
		String arg = args.text(at);
		if (args.quoted.get(at) || !arg.startsWith("pool=")) {
			throw args.error("'" + arg + "' is not pool=<values>");
		}
		long size;
		try {
			size = Long.parseLong(arg.substring("pool=".length()).trim());
		}
		catch (NumberFormatException ex) {
			size = 0;
		}
		if (size < 1 || size > MAX_POOL) {
			throw args.error("the pool '" + arg.substring("pool=".length()).trim() + "' is not from 1 to " + MAX_POOL
					+ " values");
		}
		int pool = args.refs.newPool();
		int n = (int) size;
		return (frame) -> {
			Object[] values = frame.pools[pool];
			if (values == null) {
				values = new Object[n];
				frame.pools[pool] = values;
			}
			int filled = frame.pooled[pool];
			if (filled < n) {
				Object value = draw.eval(frame);
				values[filled] = value;
				frame.pooled[pool] = filled + 1;
				return value;
			}
			return values[frame.random.nextInt(n)];
		};
	}

	private static Method method(Class<?> type, String name) {
		for (Method method : type.getMethods()) {
			if (method.getName().equals(name) && method.getParameterCount() == 0
					&& !Modifier.isStatic(method.getModifiers())) {
				return method;
			}
		}
		return null;
	}

	/** JSON-like values stay as they are; others become their text. */
	private static Object plain(Object value) {
		if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
			return value;
		}
		return value.toString();
	}

}
