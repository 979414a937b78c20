package dev.kappa.internal.engine;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;

import tools.jackson.core.Version;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.deser.SettableBeanProperty;
import tools.jackson.databind.deser.ValueInstantiator;
import tools.jackson.databind.deser.ValueInstantiators;
import tools.jackson.databind.deser.bean.PropertyValueBuffer;
import tools.jackson.databind.deser.std.StdValueInstantiator;
import tools.jackson.databind.introspect.AnnotatedConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Jackson module for reading entries: values built by a constructor that takes their properties (records, and
 * classes with a {@code @JsonCreator} constructor) are made with {@link Constructor#newInstance}. Jackson 3.1 calls
 * such a constructor through {@code MethodHandle.invokeWithArguments}, which builds a new spreading method handle on
 * every call; on the indexing path that was a fifth of the read-ahead thread's allocation (JFR, W4_replicate in
 * {@code benchmarks/profiles/}). Everything else of the application's mapper (its modules, features and naming) is
 * kept, and a constructor that throws is reported through Jackson's own problem handling, as before.
 * <p>
 * Internal: used by {@link EntryCodec}.
 */
final class DirectCreators extends JacksonModule {

	/** The application's mapper with this module added: a separate mapper, so the application's is untouched. */
	static JsonMapper reading(JsonMapper json) {
		return json.rebuild().addModule(new DirectCreators()).build();
	}

	@Override
	public String getModuleName() {
		return "kappa-direct-creators";
	}

	@Override
	public Version version() {
		return Version.unknownVersion();
	}

	@Override
	public void setupModule(SetupContext context) {
		context.addValueInstantiators(new Instantiators());
	}

	private static final class Instantiators extends ValueInstantiators.Base {

		@Override
		public ValueInstantiator modifyValueInstantiator(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueInstantiator defaultInstantiator) {
			return wrap(defaultInstantiator);
		}
	}

	/** {@code instantiator} with direct constructor calls, or itself if it is not Jackson's own with one. */
	static ValueInstantiator wrap(ValueInstantiator instantiator) {
		if (instantiator instanceof Direct || instantiator.getClass() != StdValueInstantiator.class
				|| !(instantiator.getWithArgsCreator() instanceof AnnotatedConstructor creator)) {
			return instantiator;
		}
		Constructor<?> constructor = creator.getAnnotated();
		if (!constructor.canAccess(null)) {
			return instantiator; // Jackson was not allowed to open it: let it report that itself
		}
		return new Direct(instantiator, constructor);
	}

	private static final class Direct extends ValueInstantiator.Delegating {

		private static final long serialVersionUID = 1L;

		private final transient Constructor<?> constructor;

		Direct(ValueInstantiator delegate, Constructor<?> constructor) {
			super(delegate);
			this.constructor = constructor;
		}

		@Override
		public ValueInstantiator createContextual(DeserializationContext ctxt, BeanDescription.Supplier beanDescRef) {
			ValueInstantiator contextual = delegate().createContextual(ctxt, beanDescRef);
			return contextual == delegate() ? this : wrap(contextual);
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, SettableBeanProperty[] props,
				PropertyValueBuffer buffer) {
			return createFromObjectWith(ctxt, buffer.getParameters(ctxt, props));
		}

		@Override
		public Object createFromObjectWith(DeserializationContext ctxt, Object[] args) {
			try {
				return this.constructor.newInstance(args);
			}
			catch (InvocationTargetException ex) {
				return ctxt.handleInstantiationProblem(getValueClass(), args, ex.getCause());
			}
			catch (ReflectiveOperationException | IllegalArgumentException ex) {
				return ctxt.handleInstantiationProblem(getValueClass(), args, ex);
			}
		}
	}
}
