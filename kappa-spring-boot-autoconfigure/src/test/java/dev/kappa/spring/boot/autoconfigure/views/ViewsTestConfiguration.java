package dev.kappa.spring.boot.autoconfigure.views;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Configuration;

/** Registers this package for Spring Data's repository scan, as {@code @SpringBootApplication} would. */
@Configuration(proxyBeanMethods = false)
@AutoConfigurationPackage
public class ViewsTestConfiguration {
}
