package ims.pcscf.registration;

import java.util.Locale;
import java.util.Optional;

/** SIP transports a UE can register over. */
public enum Transport {
  UDP,
  TCP,
  TLS;

  /** Case-insensitive, as in a Via header or a JAIN-SIP ListeningPoint. */
  public static Optional<Transport> fromName(String name) {
    try {
      return Optional.of(valueOf(name.toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }
}
