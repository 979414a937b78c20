package dev.kappa.view;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a {@link KappaView} that receives entries. Its first parameter is the payload type
 * ({@code Put}) or an entry of it ({@code LogEntry<Put>}); only entries appended with that type reach it.
 * {@code LogEntry<JsonNode>} and {@code LogEntry<byte[]>} receive every entry. An optional second
 * parameter of type {@link ViewTables} gives access to the view's tables within the indexing transaction.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEntry {
}
