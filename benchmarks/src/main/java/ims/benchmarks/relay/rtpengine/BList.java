package ims.benchmarks.relay.rtpengine;

import java.util.Arrays;
import java.util.List;

/** A bencoded list, in order. */
public record BList(List<BValue> items) implements BValue {
  public BList {
    items = List.copyOf(items);
  }

  public static BList of(BValue... items) {
    return new BList(List.of(items));
  }

  /** A list of byte strings, e.g. the ng {@code flags} and {@code replace} lists. */
  public static BList ofStrings(String... texts) {
    return new BList(Arrays.stream(texts).<BValue>map(BString::of).toList());
  }
}
