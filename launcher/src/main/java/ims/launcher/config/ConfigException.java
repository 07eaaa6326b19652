package ims.launcher.config;

import java.util.Objects;

/**
 * A configuration value that cannot be used: names the key and says what is wrong with the value
 * ({@code agw.realms.access.ports: 40000-39999 is empty}). Configuration values hold no keys, so
 * quoting them is safe.
 */
public final class ConfigException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String key;

  public ConfigException(String key, String problem) {
    super(Objects.requireNonNull(key, "key") + ": " + Objects.requireNonNull(problem, "problem"));
    this.key = key;
  }

  /** The dotted key, e.g. {@code pcscf.access.udp-port}; {@code (file)} for a file that does not load. */
  public String key() {
    return key;
  }
}
