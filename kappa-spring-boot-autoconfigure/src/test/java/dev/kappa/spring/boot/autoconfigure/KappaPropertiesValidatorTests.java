package dev.kappa.spring.boot.autoconfigure;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code kappa.*} is checked as it is bound ({@link KappaPropertiesValidator}), before any part of the database opens. */
class KappaPropertiesValidatorTests {

	@TempDir
	Path dir;

	private static Errors validate(KappaProperties properties) {
		Errors errors = new BeanPropertyBindingResult(properties, "kappa");
		assertThat(properties.supports(KappaProperties.class)).isTrue();
		properties.validate(properties, errors);
		return errors;
	}

	@Test
	void theDefaultsAreValid() {
		assertThat(validate(new KappaProperties()).getAllErrors()).isEmpty();
	}

	@Test
	void everyWrongValueIsAnErrorOnItsFieldWhoseMessageNamesTheProperty() {
		KappaProperties properties = new KappaProperties();
		properties.getLog().setFsyncInterval(Duration.ZERO);
		properties.getViews().setBatchSize(0);
		properties.getViews().setSchema("Bad-Name");
		properties.getReplication().setPort(70000);
		properties.getReplication().setPeers(List.of(URI.create("http://example.invalid:1")));
		properties.getReplication().setMaxLogsPerSession(0);
		properties.getHypercore().setPort(-2);
		properties.getHypercore().setExpose(List.of(" "));
		properties.getHypercore().setPeers(List.of(URI.create("ws://example.invalid:1/x")));
		properties.getHypercore().setFollow(List.of("abc", "g".repeat(64), "00".repeat(32)));
		List<FieldError> errors = validate(properties).getFieldErrors();
		assertThat(errors).extracting(FieldError::getField).containsExactly("log.fsyncInterval", "views.batchSize",
				"views.schema", "replication.port", "replication.peers", "replication.maxLogsPerSession", "hypercore.port",
				"hypercore.expose", "hypercore.peers", "hypercore.follow", "hypercore.follow");
		for (FieldError error : errors) {
			assertThat(error.getDefaultMessage()).startsWith(KappaPropertiesValidator.property(error.getField()) + ": ");
		}
		assertThat(errors.get(2).getDefaultMessage()).contains("Bad-Name").contains("lower-case letters");
		assertThat(errors.get(4).getDefaultMessage()).contains("http://example.invalid:1");
		// Any 64 hex characters may be followed (a manifest core's key is no Ed25519 point): only the two others fail.
		assertThat(errors.get(10).getDefaultMessage()).contains("64 hex characters").contains("g".repeat(64));
	}

	@Test
	void aNegativeLingerIsAnErrorAndZeroIsValid() {
		KappaProperties properties = new KappaProperties();
		properties.getLog().setLinger(Duration.ofMillis(-1));
		List<FieldError> errors = validate(properties).getFieldErrors();
		assertThat(errors).extracting(FieldError::getField).containsExactly("log.linger");
		assertThat(errors.get(0).getDefaultMessage()).startsWith("kappa.log.linger: ").contains("PT-0.001S");
		properties.getLog().setLinger(Duration.ZERO);
		assertThat(validate(properties).getAllErrors()).isEmpty();
	}

	@Test
	void propertyNamesAreTheDashedFormOfTheFields() {
		assertThat(KappaPropertiesValidator.property("replication.maxLogsPerSession"))
			.isEqualTo("kappa.replication.max-logs-per-session");
		assertThat(KappaPropertiesValidator.property("log.fsyncInterval")).isEqualTo("kappa.log.fsync-interval");
		assertThat(KappaPropertiesValidator.property("hypercore.port")).isEqualTo("kappa.hypercore.port");
	}

	@Test
	void aWrongValueFailsTheBindingOfKappaBeforeAnyLogIsOpened() {
		Path storage = this.dir.resolve("node");
		ImportedAutoConfigurations.runner()
			.withPropertyValues("kappa.storage-dir=" + storage, "kappa.views.batch-size=0")
			.run(context -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(BindValidationException.class)
					.hasMessageContaining("kappa.views.batch-size");
			});
		assertThat(storage.resolve("logs")).doesNotExist();
	}
}
