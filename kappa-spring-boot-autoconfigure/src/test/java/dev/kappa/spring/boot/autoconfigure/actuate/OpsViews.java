package dev.kappa.spring.boot.autoconfigure.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.kappa.core.KappaMessage;
import dev.kappa.core.LogEntry;
import dev.kappa.view.KappaView;
import dev.kappa.view.OnEntry;
import dev.kappa.view.ViewTables;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** An application and views for the operations tests. */
final class OpsViews {

	private OpsViews() {
	}

	/** An application as {@code @SpringBootApplication} makes it, without component scanning. */
	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class OpsApp {
	}

	@KappaMessage("put")
	record Put(long id, String key, String value) {
	}

	@Table("kv")
	record KvRow(@Id String key, String value) {
	}

	@KappaView(name = "kv", version = 1, tables = KvRow.class)
	static class KvV1 {

		@OnEntry
		void on(Put put, ViewTables tables) {
			tables.upsert(new KvRow(put.key(), put.value()));
		}
	}

	/** Version 2 of the kv view; its handler waits at {@link #GATE} while one is set. */
	@KappaView(name = "kv", version = 2, tables = KvRow.class)
	static class KvV2 {

		static volatile CountDownLatch GATE;

		@OnEntry
		void on(Put put, ViewTables tables) throws InterruptedException {
			CountDownLatch gate = GATE;
			if (gate != null && !gate.await(60, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never opened the gate");
			}
			tables.upsert(new KvRow(put.key(), put.value().toUpperCase()));
		}
	}

	@Table("seen")
	record SeenRow(@Id String key, String value) {
	}

	/** Throws on values starting with "boom" while {@link #BROKEN}; records the seqs it handled. */
	@KappaView(name = "fragile", tables = SeenRow.class)
	static class FragileView {

		static final AtomicBoolean BROKEN = new AtomicBoolean(true);

		static final List<Long> HANDLED = new CopyOnWriteArrayList<>();

		@OnEntry
		void on(LogEntry<Put> entry, ViewTables tables) {
			if (BROKEN.get() && entry.value().value().startsWith("boom")) {
				throw new IllegalStateException("cannot digest " + entry.value().value());
			}
			HANDLED.add(entry.seq());
			tables.upsert(new SeenRow(entry.value().key(), entry.value().value()));
		}
	}
}
