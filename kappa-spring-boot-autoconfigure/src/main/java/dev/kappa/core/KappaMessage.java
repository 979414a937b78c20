package dev.kappa.core;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names the type under which instances of a class are appended (without it, the class's simple name).
 * View handlers are routed by this name, so renaming a class annotated with it keeps old entries routed.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface KappaMessage {

	/** The type name stored with each entry. */
	String value();
}
