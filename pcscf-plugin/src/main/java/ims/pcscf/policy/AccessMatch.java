package ims.pcscf.policy;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;

/**
 * Which registrations a policy rule applies to.
 *
 * <p>Two criteria are offered, because operators use both: the access type the UE reports in
 * {@code P-Access-Network-Info} (TS 24.229 7.2A.4, e.g. {@code 3GPP-E-UTRAN-FDD},
 * {@code IEEE-802.11}) and the UE's source address range (the P-CSCF sees it, the UE cannot
 * choose it). The access type is UE-provided: a UE that misreports it only changes the protection
 * offered to itself, never to another UE. Where that matters, match on the source prefix, which
 * the operator's access network assigns.
 */
public sealed interface AccessMatch {

  boolean matches(RegistrationContext context);

  /** Every registration. */
  record Any() implements AccessMatch {
    @Override
    public boolean matches(RegistrationContext context) {
      return true;
    }
  }

  /** The access-type token of P-Access-Network-Info, compared case-insensitively. */
  record AccessType(String type) implements AccessMatch {
    public AccessType {
      Objects.requireNonNull(type, "type");
      if (type.isBlank()) {
        throw new IllegalArgumentException("blank access type");
      }
    }

    @Override
    public boolean matches(RegistrationContext context) {
      return context.accessType().map(t -> t.toLowerCase(Locale.ROOT).equals(type.toLowerCase(Locale.ROOT)))
          .orElse(false);
    }
  }

  /** The UE's source address lies in {@code network/prefixLength} (IPv4 or IPv6). */
  record SourcePrefix(InetAddress network, int prefixLength) implements AccessMatch {
    public SourcePrefix {
      Objects.requireNonNull(network, "network");
      int bits = network.getAddress().length * 8;
      if (prefixLength < 0 || prefixLength > bits) {
        throw new IllegalArgumentException("prefix length " + prefixLength + " outside 0.." + bits);
      }
    }

    @Override
    public boolean matches(RegistrationContext context) {
      byte[] net = network.getAddress();
      byte[] addr = context.ueSource().getAddress();
      if (net.length != addr.length) {
        return false;
      }
      int full = prefixLength / 8;
      for (int i = 0; i < full; i++) {
        if (net[i] != addr[i]) {
          return false;
        }
      }
      int rest = prefixLength % 8;
      if (rest == 0) {
        return true;
      }
      int mask = (0xff << (8 - rest)) & 0xff;
      return (net[full] & mask) == (addr[full] & mask);
    }
  }
}
