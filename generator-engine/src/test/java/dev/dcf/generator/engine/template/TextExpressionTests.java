package dev.dcf.generator.engine.template;

import java.util.List;
import java.util.Map;

import dev.dcf.generator.engine.SpecException;
import org.junit.jupiter.api.Test;

import static dev.dcf.generator.engine.template.Templates.records;
import static dev.dcf.generator.engine.template.Templates.refused;
import static dev.dcf.generator.engine.template.Templates.value;
import static dev.dcf.generator.engine.template.Templates.values;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextExpressionTests {

	@Test
	void regexesGenerateMatchingStrings() {
		String regex = "[A-Z]{2,3}-\\\\d{4}(-(EU|US))?x*";
		List<Object> ids = values("{{regex('" + regex + "')}}", 500);
		assertThat(ids).allSatisfy((id) -> assertThat((String) id).matches("[A-Z]{2,3}-\\d{4}(-(EU|US))?x{0,8}"));
		assertThat(ids).anySatisfy((id) -> assertThat((String) id).endsWith("-EU"));
		assertThat(ids).anySatisfy((id) -> assertThat((String) id).matches("[A-Z]{2}-.*"));
	}

	@Test
	void aBadRegexIsRefused() {
		refused("{{regex('[a-z')}}", "regex: '[a-z' is not a regular expression");
		refused("{{regex()}}", "regex: takes 1 argument, 0 given");
	}

	@Test
	void aliasesGiveRealisticValues() {
		for (String alias : List.of("firstName", "lastName", "fullName", "username", "email", "safeEmail", "phone",
				"company", "industry", "product", "department", "brand", "color", "street", "city", "state", "zip",
				"country", "countryCode", "address", "latitude", "longitude", "ipv4", "ipv6", "mac", "url", "domain",
				"userAgent", "creditCard", "iban", "currency", "word", "sentence", "paragraph")) {
			assertThat((String) value("{{" + alias + "}}")).as(alias).isNotBlank();
		}
		assertThat((String) value("{{email}}")).contains("@");
		assertThat((String) value("{{ipv4}}")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
		refused("{{email(1, 2)}}", "email: takes 0 to 1 arguments");
	}

	@Test
	void anyDatafakerProviderMethodIsReachable() {
		assertThat((String) value("{{faker(name.firstName)}}")).isNotBlank();
		assertThat((String) value("{{faker(internet().userAgent())}}")).isNotBlank();
		assertThat((String) value("{{faker(commerce.productName)}}")).isNotBlank();
		for (String documented : List.of("name.prefix", "address.timeZone", "finance.nasdaqTicker", "app.version")) {
			assertThat(value("{{faker(" + documented + ")}}")).as(documented).isNotNull();
		}
		refused("{{faker(nmae.firstName)}}", "faker: Datafaker has no provider 'nmae'");
		refused("{{faker(name.first)}}", "faker: Datafaker's name has no method 'first'");
		refused("{{faker(name)}}", "faker: 'name' is not provider.method");
	}

	@Test
	void aPoolReusesTheFirstValuesDrawn() {
		List<Object> cities = values("{{city(pool=20)}}", 2000);
		assertThat(cities.subList(20, 2000)).isSubsetOf(cities.subList(0, 20));
		assertThat(cities.subList(20, 2000).stream().distinct().count()).isEqualTo(cities.stream().distinct().count());
		List<Object> prefixes = values("{{faker(name.prefix, pool=3)}}", 100);
		assertThat(prefixes.subList(3, 100)).isSubsetOf(prefixes.subList(0, 3));
		assertThat(values("{{city(pool=20)}}", 100)).isEqualTo(cities.subList(0, 100));
	}

	@Test
	void aBadPoolIsRefused() {
		refused("{{city(pool=0)}}", "city: the pool '0' is not from 1 to 1000000 values");
		refused("{{city(pool=x)}}", "city: the pool 'x' is not from 1 to 1000000 values");
		refused("{{city(5)}}", "city: '5' is not pool=<values>");
		refused("{{faker(name.prefix, 5)}}", "faker: '5' is not pool=<values>");
	}

	@Test
	void fieldsReferToEarlierFields() {
		Map<?, ?> value = (Map<?, ?>) records("""
				{"first": "{{firstName}}", "last": "{{lastName}}",
				 "email": "{{lower($.first)}}.{{lower(ref($.last))}}@example.com",
				 "shout": "{{upper($.first)}}", "again": "{{$.first}}",
				 "nested": {"n": "{{int(1,9)}}"}, "copy": "{{$.nested}}", "n": "{{$.nested.n}}",
				 "list": ["{{seq}}"], "first item": "{{$.list[0]}}", "constant": "{{$.fixed}}", "fixed": 1}
				""".replace("\"fixed\": 1", "\"fixed2\": 1").replace("{{$.fixed}}", "{{$.list}}"), 1).get(0).value();
		String first = (String) value.get("first");
		String last = (String) value.get("last");
		assertThat(value.get("email")).isEqualTo(first.toLowerCase() + "." + last.toLowerCase() + "@example.com");
		assertThat(value.get("shout")).isEqualTo(first.toUpperCase());
		assertThat(value.get("again")).isEqualTo(first);
		assertThat(value.get("copy")).isEqualTo(value.get("nested"));
		assertThat(value.get("n")).isEqualTo(((Map<?, ?>) value.get("nested")).get("n"));
		assertThat(value.get("first item")).isEqualTo(0L);
	}

	@Test
	void aReferenceToALiteralIsTheLiteral() {
		Map<?, ?> value = (Map<?, ?>) records("{\"a\": {\"b\": 5}, \"c\": \"{{$.a.b}}\"}", 1).get(0).value();
		assertThat(value.get("c")).isEqualTo(5L);
	}

	@Test
	void referencesToLaterOrMissingFieldsAreRefused() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"a\": \"{{$.b}}\", \"b\": \"{{uuid}}\"}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("$.a");
				assertThat(ex.getMessage()).contains("ref: $.b is generated after this field");
			});
		refused("{{$.nothing}}", "ref: the template has no field $.nothing");
		refused("{{$.v}}", "is generated after this field");
		refused("{{ref(value.x)}}", "ref: 'value.x' is not a path");
		refused("{{lower()}}", "lower: takes 1 argument");
	}

	@Test
	void theKeyAndHeadersReferToTheValue() {
		var record = records("""
				{"headers": {"customer": "{{$.value.customer.id}}"},
				 "key": "{{$.value.customer.id}}",
				 "value": {"customer": {"id": "{{uuid}}"}}}
				""", 1).get(0);
		Object id = ((Map<?, ?>) ((Map<?, ?>) record.value()).get("customer")).get("id");
		assertThat(record.key()).isEqualTo(id);
		assertThat(record.headers()).containsEntry("customer", (String) id);
	}

	@Test
	void theValueCannotReferToTheKey() {
		assertThatThrownBy(() -> TemplateSpec.parse("{\"key\": \"{{uuid}}\", \"value\": {\"k\": \"{{$.key}}\"}}"))
			.isInstanceOfSatisfying(SpecException.class, (ex) -> {
				assertThat(ex.field()).isEqualTo("$.value.k");
				assertThat(ex.getMessage()).contains("$.key is generated after this field");
			});
	}

}
