package dev.kappa.sample;

import java.util.List;

import dev.kappa.core.Kappa;
import dev.kappa.core.LogWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/** Writes the three entries of kappa-core's example into the {@code default} log on first start. */
@Component
class SeedEntries implements ApplicationRunner {

	private static final Logger logger = LoggerFactory.getLogger(SeedEntries.class);

	static final List<Put> SEED = List.of(new Put(51387, "soup", "cold"), new Put(82303, "sandwich", "warm"),
			new Put(23092, "berries", "room temp"));

	private final Kappa kappa;

	SeedEntries(Kappa kappa) {
		this.kappa = kappa;
	}

	@Override
	public void run(ApplicationArguments args) {
		LogWriter log = this.kappa.writer("default");
		if (this.kappa.log(log.key()).orElseThrow().length() == 0) {
			log.appendAll(SEED);
			logger.info("Wrote the seed entries to log 'default' ({})", log.key());
		}
	}
}
