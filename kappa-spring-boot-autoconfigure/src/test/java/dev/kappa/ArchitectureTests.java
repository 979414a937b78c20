package dev.kappa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine has no Spring Boot or application-context imports: only the auto-configuration package
 * glues it to Spring. The schema package uses Spring Data Relational/JDBC and spring-jdbc as libraries (names,
 * converters) and spring-core's utilities that those libraries are built on; the view API uses Spring Data's
 * repositories and annotations, {@code JdbcClient} and the {@code @Component} stereotype for {@code @KappaView};
 * the indexer uses spring-jdbc alone. Never Spring Boot, the bean factory or the context.
 */
class ArchitectureTests {

	private static final Path SOURCES = Path.of("src/main/java/dev/kappa");

	private static final Pattern IMPORT = Pattern.compile("^import (static )?([\\w.]+)", Pattern.MULTILINE);

	private static final Map<String, List<String>> ALLOWED_SPRING = Map.of(
			"core", List.of(), "crypto", List.of(), "log", List.of(), "replication", List.of(), "engine", List.of(), "hypercore", List.of(),
			"schema", List.of("org.springframework.data.", "org.springframework.jdbc.", "org.springframework.core.",
					"org.springframework.util."),
			"view", List.of("org.springframework.data.", "org.springframework.jdbc.", "org.springframework.stereotype.Component"),
			"indexer", List.of("org.springframework.jdbc."));

	@Test
	void enginePackagesDoNotDependOnSpringBeyondTheirLibraries() throws IOException {
		List<String> violations = new ArrayList<>();
		for (Map.Entry<String, List<String>> rule : ALLOWED_SPRING.entrySet()) {
			Path dir = sources(rule.getKey());
			if (!Files.isDirectory(dir)) {
				continue;
			}
			try (Stream<Path> files = Files.walk(dir)) {
				for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
					Matcher m = IMPORT.matcher(Files.readString(file));
					while (m.find()) {
						String imported = m.group(2);
						if (imported.startsWith("org.springframework") && rule.getValue().stream().noneMatch(imported::startsWith)) {
							violations.add(SOURCES.relativize(file) + " imports " + imported);
						}
					}
				}
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void packagesDependOnlyAsTheTableAllows() throws IOException {
		List<String> violations = new ArrayList<>();
		try (Stream<Path> files = Files.walk(SOURCES)) {
			for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
				violations.addAll(PackageDependencies.violations(SOURCES.relativize(file).toString(), Files.readString(file)));
			}
		}
		assertThat(violations).isEmpty();
	}

	@Test
	void theTableRefusesADependencyItDoesNotList() {
		String logUsingViews = "package dev.kappa.internal.log;\n\nimport dev.kappa.view.ViewTables;\n\nclass Bad {}\n";
		assertThat(PackageDependencies.violations("log/Bad.java", logUsingViews))
			.containsExactly("log/Bad.java (log) uses dev.kappa.view, which the table does not allow");
		String fullyQualified = "package dev.kappa.core;\nclass Bad { dev.kappa.internal.engine.KappaEngine e; }\n";
		assertThat(PackageDependencies.violations("core/Bad.java", fullyQualified)).hasSize(1);
		assertThat(PackageDependencies.violations("x/New.java", "package dev.kappa.unlisted;\nclass New {}\n"))
			.containsExactly("x/New.java is in package 'unlisted', which the dependency table does not list");
		assertThat(PackageDependencies.violations("log/Good.java", "package dev.kappa.internal.log;\nimport dev.kappa.core.LogKey;\n"))
			.isEmpty();
	}

	@Test
	void theTableHasNoCycle() {
		assertThat(PackageDependencies.cycle(PackageDependencies.ALLOWED)).isEmpty();
	}

	@Test
	void theCycleCheckFindsACycle() {
		Map<String, Set<String>> schemaUsingTheIndexer = Map.of("core", Set.of(), "view", Set.of("core"),
				"schema", Set.of("core", "view", "indexer"), "indexer", Set.of("core", "schema", "view"));
		assertThat(PackageDependencies.cycle(schemaUsingTheIndexer)).containsExactly("indexer", "schema", "indexer");
		assertThat(PackageDependencies.cycle(Map.of("a", Set.of("b"), "b", Set.of("c"), "c", Set.of("a"))))
			.containsExactly("a", "b", "c", "a");
	}

	@Test
	void theViewApiDependsOnNothingInternal() {
		assertThat(PackageDependencies.ALLOWED.get("view")).containsOnly("core");
		String apiUsingTheIndexer = "package dev.kappa.view;\n\nimport dev.kappa.internal.indexer.ViewEngine;\n\npublic interface Bad {}\n";
		assertThat(PackageDependencies.violations("view/Bad.java", apiUsingTheIndexer))
			.containsExactly("view/Bad.java (view) uses dev.kappa.internal.indexer, which the table does not allow");
		String schemaUsingTheIndexer = "package dev.kappa.internal.schema;\nclass Bad { dev.kappa.internal.indexer.ViewSchema s; }\n";
		assertThat(PackageDependencies.violations("schema/Bad.java", schemaUsingTheIndexer))
			.containsExactly("schema/Bad.java (schema) uses dev.kappa.internal.indexer, which the table does not allow");
	}

	@Test
	void theViewPackageHoldsOnlyWhatAnApplicationWritesAgainst() throws IOException {
		try (Stream<Path> files = Files.list(sources("view"))) {
			assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("KappaView.java",
					"OnEntry.java", "Indexed.java", "ViewRepository.java", "ViewTables.java", "ViewErrorPolicy.java",
					"ViewDefinitionException.java", "builtin");
		}
	}

	@Test
	void theRuleSeesTheSources() throws IOException {
		try (Stream<Path> files = Files.walk(sources("log"))) {
			assertThat(files.filter(p -> p.toString().endsWith(".java")).count()).isGreaterThan(10);
		}
	}

	@Test
	void everyPackageButTheApiSaysInItsNameThatItIsInternal() {
		assertThat(PackageDependencies.violations("internal/log/Good.java", "package dev.kappa.internal.log;\nclass Good {}\n"))
			.isEmpty();
		assertThat(PackageDependencies.violations("log/Bad.java", "package dev.kappa.log;\nclass Bad {}\n"))
			.containsExactly("log/Bad.java is in package dev.kappa.log, but 'log' is internal: dev.kappa.internal.log");
		assertThat(PackageDependencies.violations("internal/view/Bad.java", "package dev.kappa.internal.view;\nclass Bad {}\n"))
			.containsExactly("internal/view/Bad.java is in package dev.kappa.internal.view, but 'view' is no internal package");
		assertThat(PackageDependencies.ALLOWED.keySet()).containsAll(PackageDependencies.INTERNAL);
	}

	/** The source directory of a package named as in the table. */
	private static Path sources(String name) {
		return SOURCES.resolve(PackageDependencies.qualified(name).substring("dev.kappa.".length()).replace('.', '/'));
	}
}
