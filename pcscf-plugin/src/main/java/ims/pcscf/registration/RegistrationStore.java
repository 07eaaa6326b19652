package ims.pcscf.registration;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The P-CSCF's registration bindings, keyed by address-of-record and contact, with an index by
 * contact for terminating requests.
 *
 * <p><b>Expiry.</b> A binding lives until {@link Binding#expiresAt()} on the injected clock;
 * expired bindings are invisible to lookups and are purged lazily, when the store is full (so
 * an update costs O(1) until then, and memory stays bounded by {@code maxBindings}).
 *
 * <p><b>Bound.</b> At most {@code maxBindings} live bindings. When full, a refresh of an existing
 * binding and any removal still succeed, while a new binding is refused with
 * {@link StoreOutcome#REJECTED_FULL} (after purging expired ones). Refusing the newcomer rather
 * than evicting a live binding keeps registered UEs reachable under a registration flood; the
 * proxy checks {@link #hasRoomFor} before forwarding a REGISTER and answers 503 when it is false.
 *
 * <p><b>Threads.</b> Safe for concurrent use: every method is atomic (SIP stack threads call in
 * concurrently; the work under the lock is small map operations).
 */
public final class RegistrationStore {

  private final Clock clock;
  private final int maxBindings;
  private final Map<Key, Binding> bindings = new LinkedHashMap<>();
  private final Map<SipUriKey, Set<Key>> byContact = new HashMap<>();
  private final Map<SipUriKey, Set<Key>> byAor = new HashMap<>();

  private record Key(SipUriKey aor, SipUriKey contact) {}

  public RegistrationStore(Clock clock, int maxBindings) {
    this.clock = Objects.requireNonNull(clock, "clock");
    if (maxBindings < 1) {
      throw new IllegalArgumentException("maxBindings must be positive: " + maxBindings);
    }
    this.maxBindings = maxBindings;
  }

  /** Stores or refreshes a binding (same AoR and contact replace the old one). */
  public synchronized StoreOutcome put(Binding binding) {
    Instant now = clock.instant();
    if (binding.isExpiredAt(now)) {
      return remove(binding.aor(), binding.contact());
    }
    var key = new Key(binding.aor(), binding.contactKey());
    boolean present = bindings.containsKey(key) && !bindings.get(key).isExpiredAt(now);
    if (!present && bindings.size() >= maxBindings) {
      purgeExpired(now);
      if (bindings.size() >= maxBindings) {
        return StoreOutcome.REJECTED_FULL;
      }
    }
    bindings.put(key, binding);
    byContact.computeIfAbsent(key.contact(), c -> new LinkedHashSet<>()).add(key);
    byAor.computeIfAbsent(key.aor(), a -> new LinkedHashSet<>()).add(key);
    return present ? StoreOutcome.REFRESHED : StoreOutcome.ADDED;
  }

  /** Removes one binding (de-registration of one contact). */
  public synchronized StoreOutcome remove(SipUriKey aor, String contact) {
    var key = new Key(aor, SipUriKey.of(contact));
    Binding removed = unlink(key);
    return removed == null || removed.isExpiredAt(clock.instant()) ? StoreOutcome.ABSENT : StoreOutcome.REMOVED;
  }

  /** Removes every binding of an AoR ({@code Contact: *} with {@code Expires: 0}); returns how many. */
  public synchronized int removeAll(SipUriKey aor) {
    Instant now = clock.instant();
    List<Key> keys = List.copyOf(byAor.getOrDefault(aor, Set.of()));
    int live = 0;
    for (Key key : keys) {
      Binding removed = unlink(key);
      if (removed != null && !removed.isExpiredAt(now)) {
        live++;
      }
    }
    return live;
  }

  /** The live binding of this AoR and contact. */
  public synchronized Optional<Binding> find(SipUriKey aor, String contact) {
    return live(bindings.get(new Key(aor, SipUriKey.of(contact))));
  }

  /**
   * The live binding reached by this contact URI (a terminating Request-URI). If the same contact
   * is registered under several AoRs, the one with the latest expiry is returned: all describe the
   * same UE.
   */
  public synchronized Optional<Binding> findByContact(String contactUri) {
    Set<Key> keys = byContact.getOrDefault(SipUriKey.of(contactUri), Set.of());
    Instant now = clock.instant();
    return keys.stream()
        .map(bindings::get)
        .filter(b -> b != null && !b.isExpiredAt(now))
        .max(Comparator.comparing(Binding::expiresAt));
  }

  /** The live bindings of an AoR, in registration order. */
  public synchronized List<Binding> findByAor(SipUriKey aor) {
    Instant now = clock.instant();
    var result = new ArrayList<Binding>();
    for (Key key : byAor.getOrDefault(aor, Set.of())) {
      Binding binding = bindings.get(key);
      if (binding != null && !binding.isExpiredAt(now)) {
        result.add(binding);
      }
    }
    return List.copyOf(result);
  }

  /** True if storing a binding for this AoR and contact would not be refused for lack of room. */
  public synchronized boolean hasRoomFor(SipUriKey aor, String contact) {
    Instant now = clock.instant();
    if (live(bindings.get(new Key(aor, SipUriKey.of(contact)))).isPresent()) {
      return true;
    }
    if (bindings.size() >= maxBindings) {
      purgeExpired(now);
    }
    return bindings.size() < maxBindings;
  }

  /** Every live binding, in registration order: an immutable snapshot (for monitoring views). */
  public synchronized List<Binding> liveBindings() {
    Instant now = clock.instant();
    return bindings.values().stream().filter(b -> !b.isExpiredAt(now)).toList();
  }

  /** Live bindings (expired ones are purged first, O(n)). */
  public synchronized int size() {
    purgeExpired(clock.instant());
    return bindings.size();
  }

  public int maxBindings() {
    return maxBindings;
  }

  private Optional<Binding> live(Binding binding) {
    return binding == null || binding.isExpiredAt(clock.instant()) ? Optional.empty() : Optional.of(binding);
  }

  private void purgeExpired(Instant now) {
    List<Key> expired = bindings.entrySet().stream()
        .filter(e -> e.getValue().isExpiredAt(now))
        .map(Map.Entry::getKey)
        .toList();
    expired.forEach(this::unlink);
  }

  private Binding unlink(Key key) {
    Binding removed = bindings.remove(key);
    if (removed != null) {
      unindex(byContact, key.contact(), key);
      unindex(byAor, key.aor(), key);
    }
    return removed;
  }

  private static void unindex(Map<SipUriKey, Set<Key>> index, SipUriKey indexKey, Key key) {
    Set<Key> keys = index.get(indexKey);
    if (keys != null) {
      keys.remove(key);
      if (keys.isEmpty()) {
        index.remove(indexKey);
      }
    }
  }
}
