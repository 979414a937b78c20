package dev.kappa.spring.boot.autoconfigure.diagnostics;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootVersion;

import static org.assertj.core.api.Assertions.assertThat;

class SpringBootVersionCheckTests {

	@Test
	void anOlderMajorOrMinorIsAProblemNamingBothVersions() {
		assertThat(SpringBootVersionCheck.problem("3.5.0", "4.1.2")).isEqualTo(
				"kappa-spring was built for Spring Boot 4.1.2 and needs 4.1.x or later; this application runs Spring Boot 3.5.0");
		assertThat(SpringBootVersionCheck.problem("4.0.9", "4.1.2")).contains("4.0.9").contains("4.1.2");
	}

	@Test
	void theSameMinorANewerOneOrAnUnknownVersionIsFine() {
		assertThat(SpringBootVersionCheck.problem("4.1.0", "4.1.2")).isNull();
		assertThat(SpringBootVersionCheck.problem("4.1.2", "4.1.2")).isNull();
		assertThat(SpringBootVersionCheck.problem("4.2.0-M1", "4.1.2")).isNull();
		assertThat(SpringBootVersionCheck.problem("5.0.0", "4.1.2")).isNull();
		assertThat(SpringBootVersionCheck.problem(null, "4.1.2")).isNull();
		assertThat(SpringBootVersionCheck.problem("4.1.2", null)).isNull();
	}

	@Test
	void theBuiltVersionIsTheSpringBootOfThisBuild() {
		assertThat(SpringBootVersionCheck.builtWith()).isEqualTo(SpringBootVersion.getVersion());
	}
}
