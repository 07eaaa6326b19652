package ims.pcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class RegistrationStoreTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final SipUriKey ALICE = SipUriKey.of("sip:alice@ims.example.net");
  private final MutableClock clock = new MutableClock(T0);

  private static UeAddress ue(int port) {
    return new UeAddress(new InetSocketAddress("127.0.0.1", port), Transport.UDP);
  }

  private Binding binding(SipUriKey aor, String contact, long seconds, boolean mediasec) {
    return new Binding(aor, contact, clock.instant().plusSeconds(seconds), ue(5060), mediasec, mediasec,
        List.of(), List.of("<sip:orig@scscf.ims.example.net;lr>"));
  }

  @Test
  void givenStoredBinding_whenLookedUpByContactOrAor_thenFound() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.1:5060", 600, true))).isEqualTo(StoreOutcome.ADDED);

    assertThat(store.findByContact("<sip:alice@10.0.0.1:5060;transport=udp>")).get()
        .extracting(Binding::ueSupportsE2ae).isEqualTo(true);
    assertThat(store.findByAor(SipUriKey.of("sip:alice@IMS.example.net"))).hasSize(1);
    assertThat(store.find(ALICE, "sip:alice@10.0.0.1:5060")).isPresent();
    assertThat(store.findByContact("sip:alice@10.0.0.1:5062")).isEmpty();
  }

  @Test
  void givenContactUrisDifferingOnlyInHostCaseOrParameters_whenKeyed_thenEqual() {
    assertThat(SipUriKey.of("<sip:Alice@HOST.example:5060;transport=tcp;ob>"))
        .isEqualTo(SipUriKey.of("sip:Alice@host.example:5060"));
    assertThat(SipUriKey.of("SIP:alice@h")).isEqualTo(SipUriKey.of("sip:alice@h"));
    assertThat(SipUriKey.of("sip:Alice@h")).isNotEqualTo(SipUriKey.of("sip:alice@h")); // user part is case-sensitive
    assertThat(SipUriKey.of("sip:alice@h:5060")).isNotEqualTo(SipUriKey.of("sip:alice@h")); // RFC 3261 19.1.4
  }

  @Test
  void givenReRegistration_whenPut_thenRefreshedWithNewExpiryAndIndication() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, false));
    clock.advance(Duration.ofSeconds(500));

    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true))).isEqualTo(StoreOutcome.REFRESHED);

    Binding b = store.findByContact("sip:alice@10.0.0.1").orElseThrow();
    assertThat(b.ueSupportsE2ae()).isTrue();
    assertThat(b.expiresAt()).isEqualTo(T0.plusSeconds(1100));
    assertThat(store.size()).isEqualTo(1);
  }

  @Test
  void givenBinding_whenRemoved_thenGoneAndSecondRemovalIsAbsent() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true));

    assertThat(store.remove(ALICE, "sip:alice@10.0.0.1")).isEqualTo(StoreOutcome.REMOVED);
    assertThat(store.remove(ALICE, "sip:alice@10.0.0.1")).isEqualTo(StoreOutcome.ABSENT);
    assertThat(store.findByContact("sip:alice@10.0.0.1")).isEmpty();
    assertThat(store.findByAor(ALICE)).isEmpty();
  }

  @Test
  void givenBindingWithZeroExpiry_whenPut_thenItRemovesTheExistingOne() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true));

    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.1", 0, true))).isEqualTo(StoreOutcome.REMOVED);
    assertThat(store.size()).isZero();
  }

  @Test
  void givenBindingPastItsExpiry_whenLookedUp_thenInvisibleAndPurged() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true));
    clock.advance(Duration.ofSeconds(599));
    assertThat(store.findByContact("sip:alice@10.0.0.1")).isPresent();

    clock.advance(Duration.ofSeconds(1));

    assertThat(store.findByContact("sip:alice@10.0.0.1")).isEmpty();
    assertThat(store.findByAor(ALICE)).isEmpty();
    assertThat(store.size()).isZero();
  }

  @Test
  void givenSeveralContacts_whenWildcardRemoval_thenAllOfThatAorGoneOthersKept() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    SipUriKey bob = SipUriKey.of("sip:bob@ims.example.net");
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true));
    store.put(binding(ALICE, "sip:alice@10.0.0.2", 600, true));
    store.put(binding(bob, "sip:bob@10.0.0.3", 600, true));

    assertThat(store.removeAll(ALICE)).isEqualTo(2);

    assertThat(store.findByAor(ALICE)).isEmpty();
    assertThat(store.findByAor(bob)).hasSize(1);
  }

  @Test
  void givenFullStore_whenNewBindingArrives_thenRejectedButRefreshAndRemovalStillWork() {
    RegistrationStore store = new RegistrationStore(clock, 2);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 600, true));
    store.put(binding(ALICE, "sip:alice@10.0.0.2", 600, true));

    assertThat(store.hasRoomFor(ALICE, "sip:alice@10.0.0.3")).isFalse();
    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.3", 600, true))).isEqualTo(StoreOutcome.REJECTED_FULL);
    assertThat(store.hasRoomFor(ALICE, "sip:alice@10.0.0.1")).isTrue();
    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.1", 900, true))).isEqualTo(StoreOutcome.REFRESHED);
    assertThat(store.remove(ALICE, "sip:alice@10.0.0.2")).isEqualTo(StoreOutcome.REMOVED);
    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.3", 600, true))).isEqualTo(StoreOutcome.ADDED);
  }

  @Test
  void givenFullStoreWithAnExpiredBinding_whenNewBindingArrives_thenExpiredOneMakesRoom() {
    RegistrationStore store = new RegistrationStore(clock, 2);
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 60, true));
    store.put(binding(ALICE, "sip:alice@10.0.0.2", 600, true));
    clock.advance(Duration.ofSeconds(60));

    assertThat(store.put(binding(ALICE, "sip:alice@10.0.0.3", 600, true))).isEqualTo(StoreOutcome.ADDED);
    assertThat(store.findByAor(ALICE)).extracting(Binding::contact)
        .containsExactly("sip:alice@10.0.0.2", "sip:alice@10.0.0.3");
  }

  @Test
  void givenSameContactUnderTwoAors_whenLookedUpByContact_thenLatestExpiryWins() {
    RegistrationStore store = new RegistrationStore(clock, 10);
    SipUriKey tel = SipUriKey.of("tel:+15551234");
    store.put(binding(ALICE, "sip:alice@10.0.0.1", 300, false));
    store.put(binding(tel, "sip:alice@10.0.0.1", 600, true));

    assertThat(store.findByContact("sip:alice@10.0.0.1").orElseThrow().aor()).isEqualTo(tel);
  }

  @Test
  void givenConcurrentWriters_whenEachAddsOwnBindings_thenAllStoredExactlyOnce() throws Exception {
    RegistrationStore store = new RegistrationStore(clock, 10_000);
    var pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        Callable<Integer> task = () -> {
          int added = 0;
          for (int i = 0; i < 500; i++) {
            SipUriKey aor = SipUriKey.of("sip:u" + thread + "-" + i + "@ims.example.net");
            if (store.put(binding(aor, "sip:u@10.1." + thread + "." + i, 600, true)) == StoreOutcome.ADDED) {
              added++;
            }
            store.findByContact("sip:u@10.1." + thread + "." + i);
          }
          return added;
        };
        results.add(pool.submit(task));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(20, TimeUnit.SECONDS);
      }
      assertThat(total).isEqualTo(4000);
      assertThat(store.size()).isEqualTo(4000);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void givenNonPositiveCapacity_whenCreated_thenProgrammerError() {
    assertThatThrownBy(() -> new RegistrationStore(clock, 0)).isInstanceOf(IllegalArgumentException.class);
  }
}
