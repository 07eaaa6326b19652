package ims.iq.message;

/**
 * A context identifier (H.248.1 Annex B {@code ContextID}): a number, or one of the special values
 * {@code -} (null context), {@code $} (CHOOSE: the gateway allocates one) and {@code *} (ALL).
 */
public sealed interface ContextId {
  ContextId NULL = Special.NULL;
  ContextId CHOOSE = Special.CHOOSE;
  ContextId ALL = Special.ALL;

  static ContextId of(long value) {
    return new Numbered(value);
  }

  /** The special context values; {@link #symbol()} is their text form. */
  enum Special implements ContextId {
    NULL("-"), CHOOSE("$"), ALL("*");

    private final String symbol;

    Special(String symbol) {
      this.symbol = symbol;
    }

    public String symbol() {
      return symbol;
    }
  }

  /** A context the gateway allocated: 1 .. 0xFFFFFFFD (0, 0xFFFFFFFE and 0xFFFFFFFF are the binary specials). */
  record Numbered(long value) implements ContextId {
    public static final long MAX = 0xFFFF_FFFDL;

    public Numbered {
      if (value < 1 || value > MAX) throw new IllegalArgumentException("context id out of range: " + value);
    }
  }
}
