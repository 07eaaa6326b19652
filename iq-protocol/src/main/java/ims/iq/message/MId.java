package ims.iq.message;

import java.util.Objects;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * The sender's message identifier (H.248.1 Annex B {@code mId}): {@code <domain.name>[:port]},
 * {@code [IPv4]:port}, {@code [IPv6]:port}, an MTP address or a device name.
 */
public sealed interface MId {
  int MAX_PORT = 65_535;

  /** {@code <name>[:port]}; the name is 1..64 letters, digits, '-' and '.', starting with a letter or digit. */
  record Domain(String name, OptionalInt port) implements MId {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9.-]{0,63}");

    public Domain {
      Objects.requireNonNull(name, "name");
      if (!NAME.matcher(name).matches()) throw new IllegalArgumentException("not a domain name: " + name);
      checkPort(port);
    }
  }

  /** {@code [a.b.c.d][:port]}. */
  record Ip4(String address, OptionalInt port) implements MId {
    private static final Pattern ADDRESS =
        Pattern.compile("((25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1?[0-9]?[0-9])");

    public Ip4 {
      Objects.requireNonNull(address, "address");
      if (!ADDRESS.matcher(address).matches()) throw new IllegalArgumentException("not an IPv4 address: " + address);
      checkPort(port);
    }
  }

  /** {@code [v6 address][:port]}; the address is kept as written (hex digits, ':' and an optional dotted tail). */
  record Ip6(String address, OptionalInt port) implements MId {
    private static final Pattern ADDRESS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    public Ip6 {
      Objects.requireNonNull(address, "address");
      if (!ADDRESS.matcher(address).matches() || address.indexOf(':') < 0) {
        throw new IllegalArgumentException("not an IPv6 address: " + address);
      }
      checkPort(port);
    }
  }

  /** {@code MTP{hex}}: an SS7 MTP point code, 4..8 hex digits. */
  record Mtp(String hex) implements MId {
    private static final Pattern HEX = Pattern.compile("[0-9A-Fa-f]{4,8}");

    public Mtp {
      Objects.requireNonNull(hex, "hex");
      if (!HEX.matcher(hex).matches()) throw new IllegalArgumentException("not an MTP address: " + hex);
    }
  }

  /** A device name ({@code pathNAME}). */
  record Device(String name) implements MId {
    private static final Pattern PATH = Pattern.compile("\\*?[A-Za-z][A-Za-z0-9_/*$]{0,63}(@[A-Za-z0-9.\\-\\[\\]:]+)?");

    public Device {
      Objects.requireNonNull(name, "name");
      if (!PATH.matcher(name).matches()) throw new IllegalArgumentException("not a device name: " + name);
    }
  }

  static MId domain(String name, int port) {
    return new Domain(name, OptionalInt.of(port));
  }

  static MId ip4(String address, int port) {
    return new Ip4(address, OptionalInt.of(port));
  }

  static MId ip6(String address, int port) {
    return new Ip6(address, OptionalInt.of(port));
  }

  private static void checkPort(OptionalInt port) {
    Objects.requireNonNull(port, "port");
    if (port.isPresent() && (port.getAsInt() < 0 || port.getAsInt() > MAX_PORT)) {
      throw new IllegalArgumentException("port out of range: " + port.getAsInt());
    }
  }
}
