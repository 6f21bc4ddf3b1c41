package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** The background making and warming of a run's transport, with a stand-in for the transport. */
class WarmTransportTest {
    /** Records whether it was closed. */
    static final class Closeable implements AutoCloseable {
        final AtomicBoolean closed = new AtomicBoolean();
        final CountDownLatch closing = new CountDownLatch(1);

        @Override
        public void close() {
            closed.set(true);
            closing.countDown();
        }
    }

    @Test
    void takeHandsTheTransportOverOnceMadeWhileTheWarmingGoesOnAndCloseWaitsForTheWarming() throws Exception {
        Closeable made = new Closeable();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean warmed = new AtomicBoolean();
        WarmTransport<Closeable> warm = WarmTransport.start(() -> made, t -> {
            await(release);
            warmed.set(true);
        });
        assertThat(warm.take()).isSameAs(made);
        assertThat(warmed).as("the hosts are still connecting").isFalse();
        Thread closer = new Thread(warm::close);
        closer.start();
        closer.join(200);
        assertThat(closer.isAlive()).as("close waits for the warming").isTrue();
        release.countDown();
        closer.join(TimeUnit.SECONDS.toMillis(10));
        assertThat(closer.isAlive()).isFalse();
        assertThat(warmed).isTrue();
        assertThat(made.closed).as("a taken transport is the taker's to close").isFalse();
    }

    @Test
    void aTransportThatCannotBeMadeIsReportedByTakeAsItWasThrown() {
        UsageException unreadableKey = new UsageException("ssh.keys: /nowhere/id_ed25519 cannot be read");
        try (WarmTransport<Closeable> warm = WarmTransport.start(() -> {
            throw unreadableKey;
        }, t -> { })) {
            assertThatThrownBy(warm::take).isSameAs(unreadableKey);
        }
    }

    @Test
    void aBuildThatFailsClosesTheTransportOnceTheWarmingEnds() throws Exception {
        Closeable made = new Closeable();
        CountDownLatch connecting = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        WarmTransport<Closeable> warm = WarmTransport.start(() -> made, t -> {
            connecting.countDown();
            await(release);
        });
        assertThat(connecting.await(10, TimeUnit.SECONDS)).isTrue();
        warm.close(); // the build failed while a host was still being connected to
        assertThat(made.closed).as("not waited for: closed when the warming ends").isFalse();
        release.countDown();
        assertThat(made.closing.await(10, TimeUnit.SECONDS)).as("closed by the background thread").isTrue();
    }

    @Test
    void aFailedWarmingStillHandsTheTransportOverForItsFirstUseToConnect() {
        Closeable made = new Closeable();
        try (WarmTransport<Closeable> warm = WarmTransport.start(() -> made, t -> {
            throw new IllegalStateException("connecting failed");
        })) {
            assertThat(warm.take()).isSameAs(made);
        }
        assertThat(made.closed).as("the taker's to close").isFalse();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never released the warming");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
