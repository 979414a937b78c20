package dev.kappa.internal.replication;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A flood of refused or timed-out connections makes one log line per interval, counting what it stands for. */
class LogThrottleTests {

	private final AtomicLong now = new AtomicLong(5_000_000_000L);

	private final LogThrottle throttle = new LogThrottle(LogThrottle.ONE_SECOND, this.now::get);

	@Test
	void theFirstEventIsLoggedAtOnce() {
		assertThat(this.throttle.event()).isEqualTo(1);
	}

	@Test
	void eventsWithinTheIntervalAreCountedIntoTheNextLine() {
		assertThat(this.throttle.event()).isEqualTo(1);
		for (int i = 0; i < 999; i++) {
			this.now.addAndGet(1_000_000L);
			assertThat(this.throttle.event()).isZero();
		}
		this.now.addAndGet(1_000_000L);
		assertThat(this.throttle.event()).as("the 1,000 events of the second interval").isEqualTo(1000);
		assertThat(this.throttle.event()).isZero();
	}
}
