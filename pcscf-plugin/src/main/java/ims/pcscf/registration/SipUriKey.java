package ims.pcscf.registration;

import java.util.Locale;
import java.util.Objects;

/**
 * The identity of a SIP URI for store lookups: scheme and host in lower case, user part as is,
 * port as written, URI parameters and headers dropped.
 *
 * <p>This is deliberately looser than RFC 3261 section 19.1.4: a terminating request reaches the
 * P-CSCF with the registered contact as Request-URI, but a core node may add or drop URI
 * parameters ({@code transport}, {@code ob}); those must not hide the stored binding.
 */
public record SipUriKey(String value) {

  public SipUriKey {
    Objects.requireNonNull(value, "value");
  }

  /** Normalises a URI, with or without angle brackets ({@code <sip:a@h:5060;transport=udp>}). */
  public static SipUriKey of(String uri) {
    String s = uri.strip();
    if (s.startsWith("<")) {
      int close = s.indexOf('>');
      s = close > 0 ? s.substring(1, close) : s.substring(1);
    }
    int colon = s.indexOf(':');
    if (colon < 0) {
      return new SipUriKey(s.toLowerCase(Locale.ROOT));
    }
    String scheme = s.substring(0, colon).toLowerCase(Locale.ROOT);
    String rest = s.substring(colon + 1);
    int at = rest.lastIndexOf('@');
    String user = at >= 0 ? rest.substring(0, at + 1) : "";
    String hostPart = at >= 0 ? rest.substring(at + 1) : rest;
    if (!scheme.equals("sip") && !scheme.equals("sips")) {
      return new SipUriKey(scheme + ":" + rest); // tel: and others: compare as written
    }
    int end = hostPart.length();
    for (int i = 0; i < hostPart.length(); i++) {
      char c = hostPart.charAt(i);
      if (c == ';' || c == '?') {
        end = i;
        break;
      }
    }
    return new SipUriKey(scheme + ":" + user + hostPart.substring(0, end).toLowerCase(Locale.ROOT));
  }

  @Override
  public String toString() {
    return value;
  }
}
