package dev.xamal.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.xamal.core.UsageException;
import java.time.Duration;
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
    void takeWaitsUntilTheTransportIsWarmedAndHandsItOverOpen() {
        Closeable made = new Closeable();
        AtomicBoolean warmed = new AtomicBoolean();
        try (WarmTransport<Closeable> warm = WarmTransport.start(() -> made, t -> {
            pause(Duration.ofMillis(200));
            warmed.set(true);
        })) {
            assertThat(warm.take()).isSameAs(made);
            assertThat(warmed).isTrue();
        }
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
    void aFailedWarmingClosesWhatItMadeAndReportsTheFailure() {
        Closeable made = new Closeable();
        IllegalStateException broken = new IllegalStateException("client could not start");
        try (WarmTransport<Closeable> warm = WarmTransport.start(() -> made, t -> {
            throw broken;
        })) {
            assertThatThrownBy(warm::take).isSameAs(broken);
        }
        assertThat(made.closed).isTrue();
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

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
