package dev.kappa.internal.indexer;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

import dev.kappa.core.LogEntry;
import dev.kappa.internal.engine.EntryCodec;
import dev.kappa.internal.engine.Envelope;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewDefinitionException;
import dev.kappa.view.ViewTables;
import tools.jackson.databind.JsonNode;

/**
 * One {@link OnEntry} method: which entries it takes (by type name, or all), what it wants them decoded to,
 * and whether it wants the entry envelope and the {@link ViewTables}.
 */
final class EntryHandler {

	private final Method method;

	/** The method adapted to {@code (Object view, Object first[, Object tables]) -> Object}, for invokeExact. */
	private final MethodHandle handle;

	private final Class<?> payloadType;

	private final byte[] typeName;

	private final String typeNameString;

	private final boolean wantsEntry;

	private final boolean wantsTables;

	private EntryHandler(Method method, Class<?> payloadType, byte[] typeName, boolean wantsEntry, boolean wantsTables) {
		this.method = method;
		try {
			this.handle = MethodHandles.lookup()
				.unreflect(method)
				.asType(MethodType.genericMethodType(wantsTables ? 3 : 2));
		}
		catch (IllegalAccessException ex) {
			throw new ViewDefinitionException(method.getDeclaringClass(), "@OnEntry method " + method.getName()
					+ " cannot be called: " + ex.getMessage());
		}
		this.payloadType = payloadType;
		this.typeName = typeName;
		this.typeNameString = typeName == null ? null : new String(typeName, java.nio.charset.StandardCharsets.UTF_8);
		this.wantsEntry = wantsEntry;
		this.wantsTables = wantsTables;
	}

	/**
	 * Reads an {@code @OnEntry} method's signature: {@code (Put)}, {@code (LogEntry<Put>)}, optionally followed
	 * by {@code ViewTables}; {@code JsonNode} and {@code byte[]} payloads receive every entry.
	 */
	static EntryHandler of(Class<?> viewType, Method method) {
		String where = "@OnEntry method " + method.getName();
		if (Modifier.isStatic(method.getModifiers())) {
			throw new ViewDefinitionException(viewType, where + " must not be static");
		}
		Type[] params = method.getGenericParameterTypes();
		if (params.length < 1 || params.length > 2) {
			throw new ViewDefinitionException(viewType, where + " must take (Payload) or (LogEntry<Payload>), optionally followed by ViewTables; it takes " + params.length + " parameters");
		}
		boolean wantsTables = params.length == 2;
		if (wantsTables && params[1] != ViewTables.class) {
			throw new ViewDefinitionException(viewType, where + ": its second parameter must be ViewTables, not " + params[1].getTypeName());
		}
		boolean wantsEntry = false;
		Type payload = params[0];
		if (payload instanceof ParameterizedType parameterized && parameterized.getRawType() == LogEntry.class) {
			wantsEntry = true;
			payload = parameterized.getActualTypeArguments()[0];
		}
		else if (payload == LogEntry.class) {
			throw new ViewDefinitionException(viewType, where + " takes a raw LogEntry; declare LogEntry<YourType>, LogEntry<JsonNode> or LogEntry<byte[]>");
		}
		if (!(payload instanceof Class<?> payloadClass)) {
			throw new ViewDefinitionException(viewType, where + " takes " + params[0].getTypeName()
					+ "; the payload must be a plain class (a record, JsonNode or byte[]), not a wildcard, type variable or generic type");
		}
		if (payloadClass.isPrimitive() || payloadClass == ViewTables.class || payloadClass == Object.class) {
			throw new ViewDefinitionException(viewType, where + " cannot take entries as " + payloadClass.getName());
		}
		boolean all = payloadClass == byte[].class || JsonNode.class.isAssignableFrom(payloadClass);
		method.setAccessible(true);
		byte[] typeName = all ? null : Envelope.typeBytes(EntryCodec.typeName(payloadClass));
		return new EntryHandler(method, all ? (payloadClass == byte[].class ? byte[].class : JsonNode.class) : payloadClass,
				typeName, wantsEntry, wantsTables);
	}

	/** Whether the entry at {@code buf[offset]} is one this handler takes (compares type bytes only). */
	boolean accepts(byte[] buf, int offset) {
		return this.typeName == null || Envelope.hasType(buf, offset, this.typeName);
	}

	Class<?> payloadType() {
		return this.payloadType;
	}

	/** The UTF-8 type name this handler takes, or {@code null} if it takes every entry. */
	byte[] typeNameBytes() {
		return this.typeName;
	}

	/** The type name this handler takes, or {@code null} if it takes every entry. */
	String typeName() {
		return this.typeNameString;
	}

	String description() {
		return this.method.getDeclaringClass().getSimpleName() + "." + this.method.getName();
	}

	/** Calls the method; a handler's own exception propagates as is. */
	void invoke(Object view, LogEntry<?> entry, ViewTables tables) throws Throwable {
		Object first = this.wantsEntry ? entry : entry.value();
		if (this.wantsTables) {
			Object ignored = (Object) this.handle.invokeExact(view, first, (Object) tables);
		}
		else {
			Object ignored = (Object) this.handle.invokeExact(view, first);
		}
	}
}
