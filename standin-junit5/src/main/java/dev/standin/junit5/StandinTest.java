package dev.standin.junit5;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test class that runs against Standin: an embedded server started once per JVM on free ports (or
 * the one at {@code STANDIN_URL}), one isolated sandbox for the class (its own tenants, credentials,
 * clock, ids, rules, journal and webhooks), and a {@link Standin} handle injected into fields and
 * parameters of that type.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(StandinExtension.class)
public @interface StandinTest {
    /**
     * The sandbox's scenarios, in order: shipped names ("default", "velo-partial-failure"), files
     * ("src/test/resources/x.yaml") or class-path resources ("classpath:scenarios/x.yaml").
     */
    String[] scenarios() default {"default"};

    /** The seed of the sandbox's id and random streams: the same seed and requests give the same ids. */
    long seed() default 7;

    /** "manual" (the clock moves only when advanced) or "system". */
    String clock() default "manual";

    /** Where a manual clock starts (ISO-8601); empty for the server's default start. */
    String start() default "2026-01-01T00:00:00Z";

    /** Reset the sandbox before each test method (the class's tests then share nothing). */
    boolean resetEachTest() default false;
}
