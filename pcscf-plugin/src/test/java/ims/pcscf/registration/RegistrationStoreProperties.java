package ims.pcscf.registration;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Timeout;

/** The store against a trivially correct model, over random sequences of updates and clock moves. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RegistrationStoreProperties {

  private static final int CAPACITY = 4;

  /** kind 0 = put, 1 = remove, 2 = advance the clock; indexes pick from 3 AoRs x 3 contacts. */
  record Op(int kind, int aor, int contact, int seconds) {}

  @Provide
  Arbitrary<List<Op>> ops() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 2),
            Arbitraries.integers().between(0, 120))
        .as(Op::new)
        .list()
        .ofMaxSize(60);
  }

  @Property(tries = 300)
  void storeAgreesWithModelAndNeverExceedsCapacity(@ForAll("ops") List<Op> ops) {
    var clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    var store = new RegistrationStore(clock, CAPACITY);
    Map<String, Instant> model = new HashMap<>(); // "aor|contact" -> expiry
    for (Op op : ops) {
      SipUriKey aor = SipUriKey.of("sip:u" + op.aor() + "@ims.example.net");
      String contact = "sip:c" + op.contact() + "@10.0.0.1";
      String key = aor.value() + "|" + contact;
      Instant now = clock.instant();
      model.values().removeIf(expiry -> !expiry.isAfter(now));
      switch (op.kind()) {
        case 0 -> {
          var binding = new Binding(aor, contact, now.plusSeconds(op.seconds()),
              new UeAddress(new InetSocketAddress("127.0.0.1", 5060), Transport.UDP), true, true, List.of(), List.of());
          StoreOutcome outcome = store.put(binding);
          if (op.seconds() == 0) {
            assertThat(outcome).isEqualTo(model.remove(key) != null ? StoreOutcome.REMOVED : StoreOutcome.ABSENT);
          } else if (model.containsKey(key)) {
            assertThat(outcome).isEqualTo(StoreOutcome.REFRESHED);
            model.put(key, binding.expiresAt());
          } else if (model.size() >= CAPACITY) {
            assertThat(outcome).isEqualTo(StoreOutcome.REJECTED_FULL);
          } else {
            assertThat(outcome).isEqualTo(StoreOutcome.ADDED);
            model.put(key, binding.expiresAt());
          }
        }
        case 1 -> assertThat(store.remove(aor, contact))
            .isEqualTo(model.remove(key) != null ? StoreOutcome.REMOVED : StoreOutcome.ABSENT);
        default -> clock.advance(Duration.ofSeconds(op.seconds()));
      }
      Instant after = clock.instant();
      model.values().removeIf(expiry -> !expiry.isAfter(after));
      assertThat(store.size()).isEqualTo(model.size()).isLessThanOrEqualTo(CAPACITY);
      boolean contactLive = model.keySet().stream().anyMatch(k -> k.endsWith("|" + contact));
      assertThat(store.findByContact(contact).isPresent()).isEqualTo(contactLive);
    }
  }
}
