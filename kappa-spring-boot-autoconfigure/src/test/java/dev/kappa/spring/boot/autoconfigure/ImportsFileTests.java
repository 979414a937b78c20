package dev.kappa.spring.boot.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AnnotationTypeFilter;

import static org.assertj.core.api.Assertions.assertThat;

/** Every auto-configuration of the starter is in its imports file, as Spring Boot's own build checks. */
class ImportsFileTests {

	@Test
	void everyAutoConfigurationClassInDevKappaIsListedInTheImportsFile() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(AutoConfiguration.class));
		List<String> declared = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("dev.kappa")) {
			declared.add(candidate.getBeanClassName());
		}
		assertThat(declared).contains(KappaAutoConfiguration.class.getName(),
				KappaDataSourceAutoConfiguration.class.getName());
		assertThat(ImportedAutoConfigurations.names()).containsAll(declared);
	}
}
