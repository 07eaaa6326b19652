package ims.media.relay;

import static ims.media.relay.RelayFixture.added;
import static ims.media.relay.RelayFixture.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.media.srtp.SrtpParameters;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Ports, sockets and keys of a termination are held exactly from add to release, and nothing leaks on refusal. */
@Timeout(30)
class TerminationLifecycleTest {

  @Test
  void givenE2aeCall_whenReleased_thenPortsReturnKeysWipedSocketsClosedAndStatisticsReturned() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, true));
         var call = E2aeCall.open(relay, E2aeCall.srtpAccess());
         var ueTx = RelayFixture.ueSender(7)) {
      byte[] rtp = Packets.rtp(1, 160, 7, 160);
      call.ueSends(ueTx, rtp);
      assertThat(call.core.receive()).isEqualTo(rtp);
      assertThat(relay.pool(Realm.ACCESS).inUse()).isEqualTo(1);
      assertThat(relay.pool(Realm.CORE).inUse()).isEqualTo(1);
      assertThat(relay.liveTerminations()).isEqualTo(2);
      assertThat(await(call.access.keysWiped())).isFalse();

      TerminationStatistics stats = await(call.access.release());
      assertThat(stats.packetsIn()).isEqualTo(1);
      assertThat(stats.octetsIn()).isEqualTo(rtp.length + 10);
      assertThat(await(call.access.keysWiped())).isTrue();
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(relay.pool(Realm.ACCESS).isInUse(call.access.ports())).isFalse();
      // The sockets are closed: both ports can be bound again at once.
      try (var s1 = new DatagramSocket(call.access.localRtp()); var s2 = new DatagramSocket(call.access.localRtcp())) {
        assertThat(s1.isBound()).isTrue();
        assertThat(s2.isBound()).isTrue();
      }
      // Core-side packets now have no route toward the UE.
      call.core.send(Packets.rtp(9, 160, 9, 20), call.coreSide.localRtp());
      call.core.send(Packets.rtp(10, 160, 9, 20), call.coreSide.localRtp());
      RelayFixture.awaitStatistics(call.coreSide, s -> s.discarded(DiscardReason.NO_ROUTE) == 2);
      assertThat(await(call.context.release())).hasSize(1);
      assertThat(relay.pool(Realm.CORE).inUse()).isZero();
      assertThat(relay.liveTerminations()).isZero();
    }
  }

  @Test
  void givenReleasedTermination_whenReleasedAgain_thenFailsAndIsCountedAndPortsStayFree() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(2, false))) {
      RelayTermination t = added(relay.newContext().add(Realm.CORE, TerminationSettings.plain()));
      await(t.release());
      assertThatThrownBy(() -> await(t.release())).isInstanceOf(ExecutionException.class)
          .hasCauseInstanceOf(IllegalStateException.class);
      assertThat(relay.doubleReleases()).isEqualTo(1);
      assertThat(relay.pool(Realm.CORE).inUse()).isZero();
    }
  }

  @Test
  void givenExhaustedRealm_whenAdding_thenRefusedWithNothingAllocatedAndKeysClosed() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(1, true))) {
      RelayTermination first = added(relay.newContext().add(Realm.ACCESS, TerminationSettings.plain()));
      SrtpParameters rx = RelayFixture.ueKey();
      SrtpParameters tx = RelayFixture.agwKey();
      AddResult second = await(relay.newContext().add(Realm.ACCESS,
          TerminationSettings.plain().withKeys(Optional.of(rx), Optional.of(tx))));
      assertThat(second).isInstanceOfSatisfying(AddResult.Refused.class,
          r -> assertThat(r.reason()).isEqualTo(AddResult.Reason.PORTS_EXHAUSTED));
      assertThat(rx.keys().get(0).isClosed()).isTrue();
      assertThat(tx.keys().get(0).isClosed()).isTrue();
      assertThat(relay.pool(Realm.ACCESS).inUse()).isEqualTo(1);
      assertThat(relay.liveTerminations()).isEqualTo(1);
      await(first.release());
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
    }
  }

  @Test
  void givenUnknownRealmOrFullContext_whenAdding_thenRefusedWithoutAllocation() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(4, true))) {
      RelayContext context = relay.newContext();
      assertThat(await(context.add("transit", TerminationSettings.plain())))
          .isInstanceOfSatisfying(AddResult.Refused.class,
              r -> assertThat(r.reason()).isEqualTo(AddResult.Reason.UNKNOWN_REALM));
      added(context.add(Realm.ACCESS, TerminationSettings.plain()));
      added(context.add(Realm.CORE, TerminationSettings.plain()));
      assertThat(await(context.add(Realm.CORE, TerminationSettings.plain())))
          .isInstanceOfSatisfying(AddResult.Refused.class,
              r -> assertThat(r.reason()).isEqualTo(AddResult.Reason.CONTEXT_FULL));
      assertThat(relay.pool(Realm.CORE).inUse()).isEqualTo(1);
      await(context.release());
      assertThat(relay.liveTerminations()).isZero();
    }
  }

  @Test
  void givenPortOfThePoolTakenByAnotherProcess_whenAdding_thenAnotherPairIsUsedAndTheTakenOneReturned() throws Exception {
    RelayConfig config = RelayFixture.config(2, true);
    int firstRtp = config.realm(Realm.CORE).ports().first();
    try (var squatter = new DatagramSocket(new InetSocketAddress(config.realm(Realm.CORE).bindAddress(), firstRtp));
         var relay = MediaRelay.start(config)) {
      RelayTermination t = added(relay.newContext().add(Realm.CORE, TerminationSettings.plain()));
      assertThat(t.ports().rtp()).isEqualTo(firstRtp + 2);
      assertThat(relay.pool(Realm.CORE).inUse()).isEqualTo(1);
      assertThat(relay.pool(Realm.CORE).isInUse(new PortPair(firstRtp))).isFalse();
      await(t.release());
    }
  }

  @Test
  void givenThousandContexts_whenCreatedAndReleasedConcurrently_thenNoPortOrTerminationIsLeft() throws Exception {
    try (var relay = MediaRelay.start(RelayFixture.config(1_050, true))) {
      List<CompletableFuture<AddResult>> adds = new ArrayList<>();
      List<RelayContext> contexts = new ArrayList<>();
      for (int i = 0; i < 1_000; i++) {
        RelayContext c = relay.newContext();
        contexts.add(c);
        adds.add(c.add(Realm.ACCESS, TerminationSettings.plain().withKeys(
            Optional.of(RelayFixture.ueKey()), Optional.of(RelayFixture.agwKey()))));
        adds.add(c.add(Realm.CORE, TerminationSettings.plain()));
      }
      for (var a : adds) {
        assertThat(await(a)).isInstanceOf(AddResult.Added.class);
      }
      assertThat(relay.liveTerminations()).isEqualTo(2_000);
      assertThat(relay.pool(Realm.ACCESS).inUse()).isEqualTo(1_000);
      List<CompletableFuture<List<TerminationStatistics>>> releases = new ArrayList<>();
      for (RelayContext c : contexts) {
        releases.add(c.release());
      }
      for (var r : releases) {
        assertThat(await(r)).hasSize(2);
      }
      assertThat(relay.liveTerminations()).isZero();
      assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
      assertThat(relay.pool(Realm.CORE).inUse()).isZero();
    }
  }

  @Test
  void givenTerminationNeverReleased_whenRelayCloses_thenItsKeysAreWipedAndPortsReturned() throws Exception {
    SrtpParameters rx = RelayFixture.ueKey();
    SrtpParameters tx = RelayFixture.agwKey();
    var relay = MediaRelay.start(RelayFixture.config(2, true));
    added(relay.newContext().add(Realm.ACCESS, TerminationSettings.plain().withKeys(Optional.of(rx), Optional.of(tx))));
    assertThat(rx.keys().get(0).isClosed()).isFalse();
    relay.close();
    assertThat(rx.keys().get(0).isClosed()).isTrue();
    assertThat(tx.keys().get(0).isClosed()).isTrue();
    assertThat(relay.pool(Realm.ACCESS).inUse()).isZero();
    assertThat(relay.liveTerminations()).isZero();
  }
}
