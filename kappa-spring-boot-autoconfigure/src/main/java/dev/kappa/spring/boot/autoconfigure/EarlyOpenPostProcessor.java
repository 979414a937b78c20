package dev.kappa.spring.boot.autoconfigure;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.MethodMetadata;
import org.springframework.validation.BeanPropertyBindingResult;

/**
 * Starts opening something of the starter's on a thread of its own once the bean definitions are final
 * ({@link EarlyLogOpen}, {@link EarlyViewDatabase}): only if the context will make the starter's own bean that
 * opens it (not the application's, not lazily) and {@code kappa.*} binds and is valid. What {@link #open} starts is
 * registered as a singleton of the context, destroyed (closed) with it.
 */
abstract class EarlyOpenPostProcessor implements BeanFactoryPostProcessor, EnvironmentAware, Ordered {

	private static final String PROPERTIES_BEAN = "kappaEarlyProperties";

	private final String beanName;

	private final String starterBean;

	private final Class<?> declaring;

	private Environment environment;

	/**
	 * @param beanName the name of the singleton {@link #open} makes
	 * @param starterBean the bean that will use it, declared by a bean method of {@code declaring}
	 */
	EarlyOpenPostProcessor(String beanName, String starterBean, Class<?> declaring) {
		this.beanName = beanName;
		this.starterBean = starterBean;
		this.declaring = declaring;
	}

	/** Starts the early open, or returns {@code null} if there is nothing to open early. */
	abstract DisposableBean open(KappaProperties properties);

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
		if (!(beanFactory instanceof DefaultListableBeanFactory registry) || !startersBean(registry)
				|| this.environment.getProperty("spring.main.lazy-initialization", Boolean.class, false)
				|| registry.containsSingleton(this.beanName)) {
			return;
		}
		KappaProperties properties = checkedProperties(registry);
		DisposableBean opened = properties == null ? null : open(properties);
		if (opened != null) {
			registry.registerSingleton(this.beanName, opened);
			registry.registerDisposableBean(this.beanName, opened);
		}
	}

	/** Whether the starter's bean is made eagerly by its bean method. */
	private boolean startersBean(DefaultListableBeanFactory registry) {
		if (!registry.containsBeanDefinition(this.starterBean)) {
			return false;
		}
		BeanDefinition definition = registry.getBeanDefinition(this.starterBean);
		MethodMetadata method = definition instanceof AnnotatedBeanDefinition annotated
				? annotated.getFactoryMethodMetadata() : null;
		return method != null && !definition.isLazyInit()
				&& this.declaring.getName().equals(method.getDeclaringClassName());
	}

	/**
	 * {@code kappa.*} bound as Boot will bind it and checked by its own validator, or {@code null} if it does not bind
	 * or is not valid: then nothing is opened early (a wrong value fails the binding before anything is opened, as
	 * without the early opens). Bound once per context.
	 */
	private KappaProperties checkedProperties(DefaultListableBeanFactory registry) {
		if (registry.containsSingleton(PROPERTIES_BEAN)) {
			return ((EarlyProperties) registry.getSingleton(PROPERTIES_BEAN)).properties();
		}
		KappaProperties checked;
		try {
			KappaProperties properties = Binder.get(this.environment).bindOrCreate("kappa", KappaProperties.class);
			BeanPropertyBindingResult errors = new BeanPropertyBindingResult(properties, "kappa");
			properties.validate(properties, errors);
			checked = errors.hasErrors() ? null : properties;
		}
		catch (RuntimeException ex) {
			checked = null;
		}
		registry.registerSingleton(PROPERTIES_BEAN, new EarlyProperties(checked));
		return checked;
	}

	/** {@code kappa.*} as bound for the early opens, {@code null} if it did not bind or check. */
	private record EarlyProperties(KappaProperties properties) {
	}
}
