package dev.kappa.spring.boot.autoconfigure.imported;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Configuration;

/**
 * {@code @EnableAutoConfiguration} as an application has it: every AutoConfiguration.imports file on the class
 * path, read and filtered the way Boot does (conditions read from class metadata, so optional integrations whose
 * libraries are absent are skipped instead of failing to load). In a package of its own, holding nothing else, so
 * the auto-configuration package it registers makes no scan find anything.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
public class EveryImportedAutoConfiguration {

}
