package ims.benchmarks.relay.rtpengine;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A bencoded dictionary with text keys, in the order they were given or decoded (rtpengine does not sort its keys;
 * {@link Bencode#encode} sorts them as BEP 3 asks).
 */
public record BDict(Map<String, BValue> entries) implements BValue {
  public BDict {
    var copy = new LinkedHashMap<String, BValue>();
    entries.forEach((k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v)));
    entries = Collections.unmodifiableMap(copy);
  }

  public Optional<BValue> get(String key) {
    return Optional.ofNullable(entries.get(key));
  }

  /** The value of {@code key} as text when it is a byte string. */
  public Optional<String> text(String key) {
    return get(key).filter(BString.class::isInstance).map(v -> ((BString) v).text());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects entries in insertion order. */
  public static final class Builder {
    private final Map<String, BValue> entries = new LinkedHashMap<>();

    private Builder() {
    }

    public Builder put(String key, BValue value) {
      entries.put(key, value);
      return this;
    }

    public Builder put(String key, String text) {
      return put(key, BString.of(text));
    }

    public Builder put(String key, long value) {
      return put(key, new BInteger(value));
    }

    public BDict build() {
      return new BDict(entries);
    }
  }
}
