package dev.kappa.bench.plain;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The baseline of the cold open: a plain Spring Boot application with Spring Data JDBC over an H2 file database,
 * the same jar and dependencies as {@code BenchApp} but without kappa-spring's auto-configuration. It opens a copy
 * of the view database the kappa phases wrote and counts its rows through a repository ({@link KvRows},
 * {@link TodoRows}).
 */
@SpringBootApplication(excludeName = { "dev.kappa.spring.boot.autoconfigure.KappaAutoConfiguration",
		"dev.kappa.spring.boot.autoconfigure.KappaDataSourceAutoConfiguration" })
public class PlainApp {
}
