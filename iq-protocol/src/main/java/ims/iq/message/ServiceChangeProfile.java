package ims.iq.message;

import java.util.Objects;
import java.util.regex.Pattern;

/** {@code Profile = name/version}: the H.248 profile the sender uses (TS 29.334 defines the Iq profile). */
public record ServiceChangeProfile(String name, int version) {
  private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_\\-]{0,63}");

  public ServiceChangeProfile {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a profile name: " + name);
    if (version < 0 || version > 99) throw new IllegalArgumentException("profile version out of range: " + version);
  }
}
