package dev.kappa.spring.boot.autoconfigure.views;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.kappa.core.Kappa;
import dev.kappa.core.ViewStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

class KvViewTests {

	@TempDir
	Path storage;

	@Test
	void entriesReachTheViewAndRepositoriesQueryIt() {
		ViewsContext.runner(this.storage).withUserConfiguration(KvView.class).run(context -> {
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
			assertThat(context.getBean(JdbcTemplate.class).queryForObject("SELECT COUNT(*) FROM \"kv\"", Long.class)).isEqualTo(3);
			ViewStatus status = kappa.status("kv");
			assertThat(status.state()).isEqualTo(ViewStatus.State.READY);
			assertThat(status.processed()).isEqualTo(4);
			assertThat(status.total()).isEqualTo(4);
			assertThat(Files.exists(this.storage.resolve("views").resolve("views.mv.db"))).isTrue();
		});
	}
}
