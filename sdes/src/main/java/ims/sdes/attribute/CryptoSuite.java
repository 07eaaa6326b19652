package ims.sdes.attribute;

import java.util.Objects;
import java.util.Optional;

/**
 * The crypto-suite field of an {@code a=crypto} line: one we support, or any other name (an open set
 * defined by others, so an unknown name is a value the caller skips, not a parse error).
 */
public sealed interface CryptoSuite permits CryptoSuite.Known, CryptoSuite.Unknown {

  /** The name as written in SDP. */
  String name();

  /** The supported suite, or empty for an unknown one. */
  Optional<SrtpSuite> known();

  /** The suite for this name: {@link Known} when supported, else {@link Unknown}. */
  static CryptoSuite of(String name) {
    Objects.requireNonNull(name, "name");
    return SrtpSuite.fromSdpName(name).<CryptoSuite>map(Known::new).orElseGet(() -> new Unknown(name));
  }

  /** A suite this product supports. */
  record Known(SrtpSuite suite) implements CryptoSuite {
    public Known {
      Objects.requireNonNull(suite, "suite");
    }

    @Override
    public String name() {
      return suite.sdpName();
    }

    @Override
    public Optional<SrtpSuite> known() {
      return Optional.of(suite);
    }
  }

  /** A suite name we do not support; grammar per RFC 4568 section 9.1: 1*(ALPHA / DIGIT / "_"). */
  record Unknown(String name) implements CryptoSuite {
    public Unknown {
      Objects.requireNonNull(name, "name");
      if (!Grammar.isSuiteName(name)) {
        throw new IllegalArgumentException("not a crypto-suite name (1*(ALPHA / DIGIT / \"_\"))");
      }
      if (SrtpSuite.fromSdpName(name).isPresent()) {
        throw new IllegalArgumentException("supported suite, use CryptoSuite.of: " + name);
      }
    }

    @Override
    public Optional<SrtpSuite> known() {
      return Optional.empty();
    }
  }
}
