package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** {@code Packages { name-version, ... }}: the packages a termination realises (returned by an audit). */
public record Packages(List<PackageVersion> packages) implements Descriptor {
  public Packages {
    packages = List.copyOf(packages);
    if (packages.isEmpty()) throw new IllegalArgumentException("at least one package");
    if (packages.size() > Events.MAX_EVENTS) throw new IllegalArgumentException("too many packages");
  }

  public record PackageVersion(String name, int version) {
    public PackageVersion {
      Objects.requireNonNull(name, "name");
      if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,63}")) throw new IllegalArgumentException("not a package name: " + name);
      if (version < 0 || version > 65_535) throw new IllegalArgumentException("version out of range: " + version);
    }
  }
}
