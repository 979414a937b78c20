package dev.kappa.spring.boot.test.app;

import dev.kappa.core.KappaMessage;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A minimal application with the starter: one log message type, one view, one repository. */
@SpringBootApplication
public class TestApplication {

	/** The directory {@code application.properties} names: the application's own data. */
	public static final String APPLICATION_STORAGE = "target/application-storage";

	@KappaMessage("put")
	public record Put(String key, String value) {
	}

	@Table("kv")
	public record KvRow(@Id String key, String value) {
	}

	@KappaView(name = "kv", tables = KvRow.class)
	static class KvView {

		@OnEntry
		void on(Put put, ViewTables tables) {
			tables.upsert(new KvRow(put.key(), put.value()));
		}
	}
}
