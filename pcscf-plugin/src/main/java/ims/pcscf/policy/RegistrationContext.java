package ims.pcscf.policy;

import java.net.InetAddress;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What the policy knows about a registration when deciding whether to offer e2ae.
 *
 * @param ueSource   the source address of the UE's REGISTER
 * @param accessType the access-type token of its P-Access-Network-Info, if any
 */
public record RegistrationContext(InetAddress ueSource, Optional<String> accessType) {

  public RegistrationContext {
    Objects.requireNonNull(ueSource, "ueSource");
    Objects.requireNonNull(accessType, "accessType");
  }

  /**
   * The access-type of a {@code P-Access-Network-Info} value (RFC 7315 section 5.4: the first
   * element, before any ';' parameter or ',' further value); empty if there is none.
   */
  public static Optional<String> accessTypeOf(String pAccessNetworkInfo) {
    String s = pAccessNetworkInfo.strip();
    int end = s.length();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == ';' || c == ',' || c == ' ' || c == '\t') {
        end = i;
        break;
      }
    }
    String type = s.substring(0, end);
    return type.isEmpty() ? Optional.empty() : Optional.of(type.toUpperCase(Locale.ROOT));
  }
}
