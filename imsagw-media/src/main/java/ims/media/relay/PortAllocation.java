package ims.media.relay;

import java.util.Objects;

/** The result of asking a {@link PortPool} for a pair: a pair, or the typed reason there is none. */
public sealed interface PortAllocation {

  /** A pair now owned by the caller, who returns it with {@link PortPool#release(PortPair)}. */
  record Allocated(PortPair pair) implements PortAllocation {
    public Allocated {
      Objects.requireNonNull(pair, "pair");
    }
  }

  /** Every pair of the realm's range is in use. */
  record Exhausted(String realm, int pairs) implements PortAllocation {
    public Exhausted {
      Objects.requireNonNull(realm, "realm");
    }
  }
}
