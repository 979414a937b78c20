package dev.kappa.spring.boot.autoconfigure.imported;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * What {@code @SpringBootApplication} gives an application: auto-configuration selected from the imports files,
 * filtered by conditions read from the class files and ordered by Spring Boot itself. Its package holds nothing
 * else, so the auto-configuration package it registers adds no repositories or rows of its own to a test.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class ImportedApplication {
}
