package dev.kappa.view;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.stereotype.Component;

/**
 * Marks a bean as a materialized view: its {@link OnEntry} methods receive every entry of every log, and
 * write rows into the tables generated from {@link #tables()}. When {@link #version()} or the shape of the
 * tables changes, the tables are dropped, regenerated and rebuilt by replaying all logs.
 */
@Documented
@Component
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KappaView {

	/** The view's name; defaults to the class's simple name with a lower-case first letter. */
	String name() default "";

	/** Bump to rebuild the view from all logs (for example after changing what a handler writes). */
	int version() default 1;

	/** The row classes (records or classes with {@code @Id}) whose tables the view owns. */
	Class<?>[] tables() default {};
}
