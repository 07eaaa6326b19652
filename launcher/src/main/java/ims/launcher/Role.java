package ims.launcher;

import java.util.Locale;
import java.util.Optional;

/** What one launcher process runs. */
public enum Role {
  /** The P-CSCF with its Iq controller; the IMS-AGW runs elsewhere. */
  PCSCF,
  /** The IMS-AGW (media relay and Iq gateway server); its controller runs elsewhere. */
  AGW,
  /** Both in one JVM, talking real Iq over UDP on the loopback. */
  BOTH;

  public boolean runsPcscf() {
    return this != AGW;
  }

  public boolean runsAgw() {
    return this != PCSCF;
  }

  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> fromConfigName(String name) {
    for (Role r : values()) {
      if (r.configName().equals(name.strip().toLowerCase(Locale.ROOT))) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }
}
