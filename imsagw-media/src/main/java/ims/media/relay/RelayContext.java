package ims.media.relay;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One media context: at most two terminations (access and core for e2ae), all of whose sockets are registered on the
 * same event loop, so a packet crosses the context on one thread. Terminations are added and released through
 * futures; the membership list is confined to the loop as well.
 */
public final class RelayContext {
  /** Attempts with a fresh pair when a port of the pool is taken by another process. */
  static final int BIND_ATTEMPTS = 4;
  static final int MAX_TERMINATIONS = 2;

  private final MediaRelay relay;
  private final EventLoop loop;
  private final List<RelayTermination> members = new ArrayList<>(MAX_TERMINATIONS);
  private int pending;

  RelayContext(MediaRelay relay, EventLoop loop) {
    this.relay = relay;
    this.loop = loop;
  }

  public EventLoop eventLoop() {
    return loop;
  }

  /**
   * Allocates a port pair in {@code realm}, binds the RTP and RTCP sockets, applies {@code settings} and links the
   * termination with the other one of the context. On refusal nothing stays allocated and the settings' keys are
   * closed.
   */
  public CompletableFuture<AddResult> add(String realm, TerminationSettings settings) {
    var result = new CompletableFuture<AddResult>();
    if (!relay.config().hasRealm(realm)) {
      settings.closeKeys();
      result.complete(new AddResult.Refused(AddResult.Reason.UNKNOWN_REALM, "no realm " + realm));
      return result;
    }
    loop.execute(() -> {
      if (members.size() + pending >= MAX_TERMINATIONS) {
        settings.closeKeys();
        result.complete(new AddResult.Refused(AddResult.Reason.CONTEXT_FULL, "a context holds two terminations"));
        return;
      }
      pending++;
      bind(realm, settings, 1, result);
    });
    return result;
  }

  private void bind(String realm, TerminationSettings settings, int attempt, CompletableFuture<AddResult> result) {
    Realm r = relay.config().realm(realm);
    PortAllocation allocation = relay.pool(realm).allocate();
    if (allocation instanceof PortAllocation.Exhausted e) {
      refuse(settings, result, AddResult.Reason.PORTS_EXHAUSTED, "realm " + e.realm() + ": all " + e.pairs() + " port pairs in use");
      return;
    }
    PortPair pair = ((PortAllocation.Allocated) allocation).pair();
    var state = new Termination(realm, pair, relay.config().maxSsrcsPerTermination(), relay.loop(loop),
        relay.realmIndex(realm));
    ChannelFuture rtp = relay.bootstrap(loop, new RelayHandler(state, false)).bind(r.bindAddress(), pair.rtp());
    rtp.addListener(f1 -> {
      if (!f1.isSuccess()) {
        retry(realm, settings, attempt, result, pair, rtp.channel(), null);
        return;
      }
      ChannelFuture rtcp = relay.bootstrap(loop, new RelayHandler(state, true)).bind(r.bindAddress(), pair.rtcp());
      rtcp.addListener(f2 -> {
        if (!f2.isSuccess()) {
          retry(realm, settings, attempt, result, pair, rtp.channel(), rtcp.channel());
          return;
        }
        MediaPort.TwinFactory twins = relay.twins(loop);
        state.rtpPort = new MediaPort(rtp.channel(), new InetSocketAddress(r.bindAddress(), pair.rtp()), twins,
            () -> new RelayHandler(state, false));
        // The RTCP port keeps its open socket alone: a few packets per second do not pay for a file descriptor
        // (with rtcp-mux, RTCP rides on the RTP port's twin anyway).
        state.rtcpPort = new MediaPort(rtcp.channel(), new InetSocketAddress(r.bindAddress(), pair.rtcp()), null,
            () -> new RelayHandler(state, true));
        state.apply(settings);
        var handle = new RelayTermination(relay, this, state, new InetSocketAddress(r.bindAddress(), pair.rtp()));
        state.handle = handle;
        relay.loop(loop).sweep.add(state);
        for (RelayTermination other : members) {
          other.state().peer = state;
          state.peer = other.state();
        }
        members.add(handle);
        if (members.size() == 1) {
          relay.contextOpened();
        }
        pending--;
        relay.terminationAdded(handle);
        result.complete(new AddResult.Added(handle));
      });
    });
  }

  /** Closes what was bound, returns the pair once closed, then tries another pair or refuses. */
  private void retry(String realm, TerminationSettings settings, int attempt, CompletableFuture<AddResult> result,
      PortPair pair, Channel rtp, Channel rtcp) {
    rtp.close().addListener(a -> {
      Runnable next = () -> {
        relay.returnPorts(realm, pair);
        if (attempt < BIND_ATTEMPTS) {
          bind(realm, settings, attempt + 1, result);
        } else {
          refuse(settings, result, AddResult.Reason.BIND_FAILED, "could not bind in realm " + realm);
        }
      };
      if (rtcp == null) {
        next.run();
      } else {
        rtcp.close().addListener(b -> next.run());
      }
    });
  }

  private void refuse(TerminationSettings settings, CompletableFuture<AddResult> result, AddResult.Reason reason,
      String detail) {
    pending--;
    settings.closeKeys();
    result.complete(new AddResult.Refused(reason, detail));
  }

  /** Called on the loop by a termination being released. */
  void removed(RelayTermination termination) {
    if (members.remove(termination) && members.isEmpty()) {
      relay.contextClosed();
    }
    relay.terminationReleased(termination);
  }

  /** Releases every termination of the context; completes with their final statistics. */
  public CompletableFuture<List<TerminationStatistics>> release() {
    var all = new CompletableFuture<List<TerminationStatistics>>();
    loop.execute(() -> {
      List<RelayTermination> now = List.copyOf(members);
      var futures = new ArrayList<CompletableFuture<TerminationStatistics>>();
      for (RelayTermination t : now) {
        futures.add(t.release());
      }
      CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).whenComplete((v, e) -> {
        var stats = new ArrayList<TerminationStatistics>();
        for (var f : futures) {
          if (!f.isCompletedExceptionally()) {
            stats.add(f.join());
          }
        }
        all.complete(List.copyOf(stats));
      });
    });
    return all;
  }
}
