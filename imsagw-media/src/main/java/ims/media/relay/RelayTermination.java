package ims.media.relay;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The control-plane handle of one termination. Every method runs its work as a task on the context's event loop and
 * completes a future, so the packet path never sees a half-applied change.
 *
 * <p>{@link #release()} is the only way a termination ends: it wipes the keys, closes the sockets and, once they are
 * closed, returns the port pair to its realm's pool. It succeeds once; later calls fail with
 * {@link IllegalStateException} (a controller bug, counted by the relay).
 */
public final class RelayTermination {
  private final MediaRelay relay;
  private final RelayContext context;
  private final Termination state;
  private final InetSocketAddress localRtp;

  RelayTermination(MediaRelay relay, RelayContext context, Termination state, InetSocketAddress localRtp) {
    this.relay = relay;
    this.context = context;
    this.state = state;
    this.localRtp = localRtp;
  }

  public String realm() {
    return state.realm;
  }

  public PortPair ports() {
    return state.ports;
  }

  /** Where the remote sends RTP to (the realm's bind address and the RTP port). */
  public InetSocketAddress localRtp() {
    return localRtp;
  }

  public InetSocketAddress localRtcp() {
    return new InetSocketAddress(localRtp.getAddress(), state.ports.rtcp());
  }

  public RelayContext context() {
    return context;
  }

  /** The packet-path state (confined to the context's loop: touch it only there); for tests and benchmarks. */
  Termination packetPath() {
    return state;
  }

  /** Applies new settings (the relay takes the keys, see {@link TerminationSettings}). */
  public CompletableFuture<Void> configure(TerminationSettings settings) {
    return onLoop(() -> {
      if (state.isReleased()) {
        settings.closeKeys();
        throw new IllegalStateException("termination released");
      }
      state.apply(settings);
      return null;
    });
  }

  /**
   * Applies remote, mux, mode and latching from {@code settings}, and replaces the receive (send) keys only when
   * {@code replaceReceiveKeys} ({@code replaceSendKeys}) is set: a Modify that names one key leaves the other, and
   * its crypto contexts, as they are. Keys in {@code settings} that are not applied are closed.
   */
  public CompletableFuture<Void> reconfigure(TerminationSettings settings, boolean replaceReceiveKeys,
      boolean replaceSendKeys) {
    return onLoop(() -> {
      if (state.isReleased()) {
        settings.closeKeys();
        throw new IllegalStateException("termination released");
      }
      state.apply(settings, replaceReceiveKeys, replaceSendKeys);
      return null;
    });
  }

  /**
   * Reports {@link MediaEvent.MediaInactive} once no packet came from the remote for {@code detectionTime} (once per
   * silence: a packet re-arms it); empty stops detection. Needs {@link MediaRelay#startEvents} to report anything.
   */
  public CompletableFuture<Void> detectInactivity(Optional<Duration> detectionTime) {
    long nanos = detectionTime.map(Duration::toNanos).orElse(0L);
    if (nanos < 0) {
      throw new IllegalArgumentException("negative detection time");
    }
    return onLoop(() -> {
      state.detectInactivity(nanos);
      return null;
    });
  }

  /**
   * Reports {@link MediaEvent.Heartbeat} every {@code period} while the termination exists (H.248.36); empty stops.
   * Needs {@link MediaRelay#startEvents} to report anything.
   */
  public CompletableFuture<Void> reportHeartbeat(Optional<Duration> period) {
    long nanos = period.map(Duration::toNanos).orElse(0L);
    if (nanos < 0) {
      throw new IllegalArgumentException("negative heartbeat period");
    }
    return onLoop(() -> {
      state.reportHeartbeat(nanos);
      return null;
    });
  }

  public CompletableFuture<TerminationStatistics> statistics() {
    return onLoop(state::statistics);
  }

  /** The remote RTP address in use (the configured one, or the latched one). */
  public CompletableFuture<InetSocketAddress> remoteRtp() {
    return onLoop(state::remoteRtp);
  }

  /** True once every key of this termination is wiped. */
  public CompletableFuture<Boolean> keysWiped() {
    return onLoop(state::keysWiped);
  }

  /** Releases the termination (see the class comment); completes with its final statistics once the ports are back. */
  public CompletableFuture<TerminationStatistics> release() {
    var done = new CompletableFuture<TerminationStatistics>();
    loop().execute(() -> {
      if (!state.release()) {
        relay.countDoubleRelease();
        done.completeExceptionally(new IllegalStateException("termination released twice"));
        return;
      }
      TerminationStatistics stats = state.statistics();
      relay.loop(loop()).sweep.remove(state);
      context.removed(this);
      state.closeSockets().addListener(closed -> {
        relay.returnPorts(state.realm, state.ports);
        done.complete(stats);
      });
    });
    return done;
  }

  /** The view of this termination under {@code id}, or null once released; call on the loop only. */
  TerminationView viewOnLoop(String id) {
    return state.isReleased() ? null : state.view(id, localRtp);
  }

  boolean isReleasedOnLoop() {
    return state.isReleased();
  }

  Termination state() {
    return state;
  }

  private EventLoop loop() {
    return context.eventLoop();
  }

  private <T> CompletableFuture<T> onLoop(Supplier<T> task) {
    var done = new CompletableFuture<T>();
    Future<T> f = loop().submit(task::get);
    f.addListener(x -> {
      if (x.isSuccess()) {
        done.complete(f.getNow());
      } else {
        done.completeExceptionally(x.cause());
      }
    });
    return done;
  }

  @Override
  public String toString() {
    return "RelayTermination[" + state.realm + " " + localRtp + "]";
  }
}
