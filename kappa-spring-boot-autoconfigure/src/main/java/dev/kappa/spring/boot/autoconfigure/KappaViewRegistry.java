package dev.kappa.spring.boot.autoconfigure;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.kappa.view.KappaView;
import dev.kappa.internal.indexer.ViewDeclaration;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * The {@link KappaView} beans of the application, read from their bean definitions without creating them, so
 * the view tables can be prepared before any bean that reads them exists.
 */
final class KappaViewRegistry {

	private final Map<String, ViewDeclaration> byBeanName = new LinkedHashMap<>();

	KappaViewRegistry(ConfigurableListableBeanFactory beanFactory) {
		for (String name : beanFactory.getBeanNamesForAnnotation(KappaView.class)) {
			Class<?> type = beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			this.byBeanName.put(name, ViewDeclaration.of(ClassUtils.getUserClass(type)));
		}
		ViewDeclaration.checkDistinctNames(this.byBeanName.values());
	}

	/** View declarations by bean name. */
	Map<String, ViewDeclaration> declarations() {
		return this.byBeanName;
	}
}
