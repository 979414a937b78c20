package dev.kappa.internal.indexer;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewDefinitionException;

/**
 * What a {@link KappaView} class declares: its name, version, tables and handlers. Read from the class, so
 * the schema can be prepared before the view bean exists.
 * <p>
 * Internal: built by the auto-configuration, not part of the API.
 *
 * @param name the view's name
 * @param version its declared version
 * @param tables its row classes
 * @param type the view class
 * @param handlers its {@code @OnEntry} methods
 */
public record ViewDeclaration(String name, int version, List<Class<?>> tables, Class<?> type,
		List<EntryHandler> handlers) {

	/**
	 * Reads the declaration of a view class.
	 * @throws ViewDefinitionException if it is not annotated, has no handler or a malformed one
	 */
	public static ViewDeclaration of(Class<?> type) {
		KappaView annotation = type.getAnnotation(KappaView.class);
		if (annotation == null) {
			throw new ViewDefinitionException(type, "it is not annotated with @KappaView");
		}
		String name = annotation.name().isEmpty() ? defaultName(type) : annotation.name();
		if (!name.matches("[A-Za-z][A-Za-z0-9_.-]{0,99}")) {
			throw new ViewDefinitionException(type, "the name '" + name + "' must start with a letter and hold only letters, digits, '_', '.' or '-' (at most 100)");
		}
		if (annotation.version() < 0) {
			throw new ViewDefinitionException(type, "the version must not be negative, got " + annotation.version());
		}
		Set<Class<?>> tables = new HashSet<>();
		for (Class<?> table : annotation.tables()) {
			if (!tables.add(table)) {
				throw new ViewDefinitionException(type, "it lists the table class " + table.getName() + " twice");
			}
		}
		List<EntryHandler> handlers = new ArrayList<>();
		for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
			for (Method method : c.getDeclaredMethods()) {
				if (method.isAnnotationPresent(OnEntry.class) && !method.isBridge()) {
					handlers.add(EntryHandler.of(type, method));
				}
			}
		}
		if (handlers.isEmpty()) {
			throw new ViewDefinitionException(type, "it has no @OnEntry method");
		}
		return new ViewDeclaration(name, annotation.version(), List.of(annotation.tables()), type, List.copyOf(handlers));
	}

	static String defaultName(Class<?> type) {
		String simple = type.getSimpleName();
		return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
	}

	/**
	 * Checks that no two views share a name.
	 * @throws ViewDefinitionException naming both classes
	 */
	public static void checkDistinctNames(Collection<ViewDeclaration> views) {
		Map<String, ViewDeclaration> byName = new HashMap<>();
		for (ViewDeclaration view : views) {
			ViewDeclaration other = byName.putIfAbsent(view.name(), view);
			if (other != null) {
				throw new ViewDefinitionException("Two @KappaView classes are named '" + view.name() + "': "
						+ other.type().getName() + " and " + view.type().getName() + "; give one of them another name");
			}
		}
	}
}
