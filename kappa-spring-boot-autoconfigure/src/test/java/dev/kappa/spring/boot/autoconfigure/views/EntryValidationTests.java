package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Path;
import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.core.KappaMessage;
import dev.kappa.core.LogWriter;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Bean Validation of appended values, through the real imports files (Hibernate Validator on the class path). */
class EntryValidationTests {

	@TempDir
	Path storage;

	@KappaMessage("checked")
	record Checked(@NotNull Long id, @NotBlank String key, String value) {
	}

	@Test
	void anInvalidValueIsRefusedNamingTheFieldAndNothingIsWritten() {
		ViewsContext.runner(this.storage).run(context -> {
			LogWriter log = context.getBean(Kappa.class).writer("default");
			assertThatThrownBy(() -> log.append(new Checked(1L, null, "x"))).isInstanceOf(ConstraintViolationException.class)
				.hasMessageContaining("key");
			assertThat(log.append(new Checked(1L, "soup", "hot"))).isZero();
			assertThat(context.getBean(Kappa.class).log(log.key()).orElseThrow().length()).isEqualTo(1);
		});
	}

	@Test
	void oneInvalidValueInABatchWritesNothingOfTheBatch() {
		ViewsContext.runner(this.storage).run(context -> {
			LogWriter log = context.getBean(Kappa.class).writer("default");
			assertThatThrownBy(() -> log.appendAll(List.of(new Checked(1L, "a", "1"), new Checked(null, " ", "2"))))
				.isInstanceOf(ConstraintViolationException.class)
				.hasMessageContaining("id")
				.hasMessageContaining("key");
			assertThat(context.getBean(Kappa.class).log(log.key()).orElseThrow().length()).isZero();
		});
	}
}
