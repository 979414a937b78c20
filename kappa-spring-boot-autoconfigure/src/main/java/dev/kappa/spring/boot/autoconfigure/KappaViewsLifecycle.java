package dev.kappa.spring.boot.autoconfigure;

import java.util.HashMap;
import java.util.Map;

import dev.kappa.internal.schema.TableDefinition;
import dev.kappa.internal.indexer.ViewDeclaration;
import dev.kappa.view.ViewDefinitionException;
import dev.kappa.internal.indexer.ViewEngine;
import dev.kappa.internal.indexer.ViewSchema;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.data.jdbc.core.mapping.JdbcMappingContext;
import org.springframework.data.relational.core.mapping.RelationalPersistentEntity;
import org.springframework.data.relational.core.mapping.RelationalPersistentProperty;

/**
 * Starts indexing once the application's beans exist: hands each view its bean, after checking that the
 * application's Spring Data mapping context maps every view table exactly as the generated tables do.
 */
class KappaViewsLifecycle extends KappaLifecycle {

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(KappaViewsLifecycle.class);

	private final ObjectProvider<ViewEngine> engine;

	private final KappaViewRegistry registry;

	private final KappaViewSchemaInitializer initializer;

	private final ConfigurableListableBeanFactory beanFactory;

	private final ObjectProvider<JdbcMappingContext> applicationMapping;

	private ViewEngine views;

	KappaViewsLifecycle(ObjectProvider<ViewEngine> engine, KappaViewRegistry registry,
			KappaViewSchemaInitializer initializer, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<JdbcMappingContext> applicationMapping) {
		super(VIEWS);
		this.engine = engine;
		this.registry = registry;
		this.initializer = initializer;
		this.beanFactory = beanFactory;
		this.applicationMapping = applicationMapping;
	}

	@Override
	void begin() {
		this.views = this.engine.getIfAvailable();
		if (this.views == null) {
			if (!this.registry.declarations().isEmpty()) {
				logger.warn("The application defines its own Kappa bean (or views that are not a ViewEngine); its @KappaView"
						+ " beans {} are not fed by kappa-spring", this.registry.declarations().keySet());
			}
			return;
		}
		JdbcMappingContext mapping = this.applicationMapping.getIfAvailable();
		if (mapping != null) {
			for (ViewSchema.Prepared prepared : this.initializer.prepared().values()) {
				for (TableDefinition table : prepared.tables()) {
					checkSameMapping(prepared.view(), table, mapping);
				}
			}
		}
		Map<String, Object> beans = new HashMap<>();
		this.registry.declarations().forEach((beanName, view) -> beans.put(view.name(), this.beanFactory.getBean(beanName)));
		this.views.start(beans);
	}

	private void checkSameMapping(ViewDeclaration view, TableDefinition table, JdbcMappingContext mapping) {
		RelationalPersistentEntity<?> ours = this.initializer.mappingContext().getRequiredPersistentEntity(table.rowType());
		RelationalPersistentEntity<?> theirs = mapping.getRequiredPersistentEntity(table.rowType());
		if (!ours.getQualifiedTableName().equals(theirs.getQualifiedTableName())) {
			throw new ViewDefinitionException(view.type(), "the application's Spring Data mapping names the table of "
					+ table.rowType().getName() + " " + theirs.getQualifiedTableName() + " but its view table is "
					+ ours.getQualifiedTableName() + " (a custom JdbcMappingContext or NamingStrategy that is not a bean?)");
		}
		for (RelationalPersistentProperty property : ours) {
			RelationalPersistentProperty other = theirs.getPersistentProperty(property.getName());
			if (other == null || !property.getColumnName().equals(other.getColumnName())) {
				throw new ViewDefinitionException(view.type(), "the application's Spring Data mapping maps "
						+ table.rowType().getSimpleName() + "." + property.getName() + " to column "
						+ (other == null ? "(none)" : other.getColumnName()) + " but the view table has "
						+ property.getColumnName());
			}
		}
	}

	@Override
	void end() {
		if (this.views != null) {
			this.views.close();
		}
	}
}
