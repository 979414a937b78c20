package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.ViewStatus;
import dev.kappa.testing.TestDatabase;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

@ParameterizedClass
@EnumSource(TestDatabase.class)
class KvViewTests {

	@Parameter
	TestDatabase database;

	@TempDir
	Path storage;

	@Test
	void entriesReachTheViewAndRepositoriesQueryIt() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class).run(context -> {
			assertThat(context).hasNotFailed();
			Kappa kappa = context.getBean(Kappa.class);
			kappa.writer("default").appendAll(List.of(new Put(51387, "soup", "cold"), new Put(82303, "sandwich", "warm"),
					new Put(23092, "berries", "room temp")));
			kappa.ready("kv").get(10, TimeUnit.SECONDS);
			KvRepository repository = context.getBean(KvRepository.class);
			assertThat(repository.findById("soup")).contains(new KvRow("soup", "cold"));
			assertThat(repository.findByValue("warm")).containsExactly(new KvRow("sandwich", "warm"));
			assertThat(repository.count()).isEqualTo(3);
			kappa.writer("default").append(new Put(1, "soup", "hot"));
			kappa.ready().get(10, TimeUnit.SECONDS);
			assertThat(repository.findById("soup")).contains(new KvRow("soup", "hot"));
			assertThat(context.getBean(JdbcTemplate.class).queryForObject(this.database.sql("SELECT COUNT(*) FROM \"kv\""), Long.class)).isEqualTo(3);
			ViewStatus status = kappa.status("kv");
			assertThat(status.state()).isEqualTo(ViewStatus.State.READY);
			assertThat(status.processed()).isEqualTo(4);
			assertThat(status.total()).isEqualTo(4);
			assertThat(Files.exists(this.storage.resolve("views").resolve("views.mv.db")))
				.as("the view tables are in the default H2 file exactly when no spring.datasource.url is set")
				.isEqualTo(this.database == TestDatabase.H2);
		});
	}

	@Test
	void viewRepositoriesPageSortAndLookUp() {
		ViewsContext.runner(this.storage, this.database).withUserConfiguration(KvView.class).run(context -> {
			Kappa kappa = context.getBean(Kappa.class);
			for (int i = 0; i < 25; i++) {
				kappa.writer("default").append(new Put(i, String.format("k%02d", i), "v" + (i % 3)));
			}
			kappa.ready().get(10, TimeUnit.SECONDS);
			KvRepository repository = context.getBean(KvRepository.class);
			org.springframework.data.domain.Page<KvRow> page = repository
				.findAll(org.springframework.data.domain.PageRequest.of(1, 10, org.springframework.data.domain.Sort.by("key").descending()));
			assertThat(page.getTotalElements()).isEqualTo(25);
			assertThat(page.getContent()).hasSize(10);
			assertThat(page.getContent().get(0).key()).isEqualTo("k14");
			assertThat(repository.findAll(org.springframework.data.domain.Sort.by("key")).get(0).key()).isEqualTo("k00");
			assertThat(repository.existsById("k07")).isTrue();
			assertThat(repository.existsById("nope")).isFalse();
			assertThat(repository.findAllById(List.of("k01", "k02", "nope"))).extracting(KvRow::key).containsExactlyInAnyOrder("k01", "k02");
			assertThat(repository.findByValue("v1")).hasSize(8);
			assertThat(KvRepository.class.getMethods()).extracting(java.lang.reflect.Method::getName)
				.doesNotContain("save", "deleteById", "deleteAll");
		});
	}
}
