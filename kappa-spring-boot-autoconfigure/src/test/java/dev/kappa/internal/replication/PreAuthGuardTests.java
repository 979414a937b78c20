package dev.kappa.internal.replication;

import java.util.concurrent.TimeUnit;

import io.netty.buffer.Unpooled;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The handler every accepted connection passes until its peer is authenticated, on an {@link EmbeddedChannel}. */
class PreAuthGuardTests {

	private static EmbeddedChannel guarded() {
		EmbeddedChannel ch = new EmbeddedChannel();
		ch.freezeTime();
		ch.pipeline().addLast(PreAuthGuard.NAME, new PreAuthGuard(1000, new LogThrottle()));
		return ch;
	}

	@Test
	void aConnectionThatSendsNothingIsClosedAtTheTimeout() {
		EmbeddedChannel ch = guarded();
		ch.advanceTimeBy(999, TimeUnit.MILLISECONDS);
		ch.runScheduledPendingTasks();
		assertThat(ch.isOpen()).isTrue();
		ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
		ch.runScheduledPendingTasks();
		assertThat(ch.isOpen()).isFalse();
	}

	@Test
	void trickledBytesDoNotExtendTheTimeout() {
		EmbeddedChannel ch = guarded();
		for (int i = 0; i < 9; i++) {
			ch.advanceTimeBy(100, TimeUnit.MILLISECONDS);
			ch.writeInbound(Unpooled.wrappedBuffer(new byte[] { 'G' }));
			ch.runScheduledPendingTasks();
		}
		assertThat(ch.isOpen()).isTrue();
		assertThat(ch.inboundMessages()).hasSize(9); // passed on, not held
		ch.releaseInbound();
		ch.advanceTimeBy(100, TimeUnit.MILLISECONDS);
		ch.runScheduledPendingTasks();
		assertThat(ch.isOpen()).isFalse();
	}

	@Test
	void readsAreSmallAndPauseOnceTheBudgetIsSpent() {
		EmbeddedChannel ch = guarded();
		assertThat((Object) ch.config().getRecvByteBufAllocator()).isInstanceOf(FixedRecvByteBufAllocator.class);
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[PreAuthGuard.BUDGET - 1]));
		assertThat(ch.config().isAutoRead()).isTrue();
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[1]));
		assertThat(ch.config().isAutoRead()).isFalse();
		ch.releaseInbound();
	}

	@Test
	void anAuthenticatedSessionLiftsTheLimitsAndTheTimeout() {
		EmbeddedChannel ch = guarded();
		ch.writeInbound(Unpooled.wrappedBuffer(new byte[PreAuthGuard.BUDGET]));
		ch.releaseInbound();
		PreAuthGuard.authenticated(ch);
		ch.runPendingTasks();
		assertThat(ch.pipeline().get(PreAuthGuard.NAME)).isNull();
		assertThat(ch.config().isAutoRead()).isTrue();
		assertThat((Object) ch.config().getRecvByteBufAllocator()).isNotInstanceOf(FixedRecvByteBufAllocator.class);
		ch.advanceTimeBy(10, TimeUnit.SECONDS);
		ch.runScheduledPendingTasks();
		assertThat(ch.isOpen()).isTrue();
		ch.finishAndReleaseAll();
	}
}
