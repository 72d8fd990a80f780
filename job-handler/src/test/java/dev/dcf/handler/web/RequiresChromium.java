package dev.dcf.handler.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A browser test: runs when Chromium and its driver are installed
 * ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver}; Debian's {@code chromium}
 * and {@code chromium-driver}), is skipped with a message otherwise, and fails instead on
 * when {@code DCF_REQUIRE} names browser (as in CI).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ChromiumAvailableCondition.class)
public @interface RequiresChromium {

}
