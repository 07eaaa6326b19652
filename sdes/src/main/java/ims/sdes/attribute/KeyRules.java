package ims.sdes.attribute;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The RFC 4568 rules that hold across key-params and session parameters of a known SRTP suite.
 * Each check returns a problem description (never with key material) or null.
 */
final class KeyRules {
  private KeyRules() {}

  /** What is wrong, and with which element (index into the checked list). */
  record Problem(int index, String message) {}

  static String messageOf(Problem problem) {
    return problem == null ? null : problem.message();
  }

  /**
   * Every key is inline with the suite's key||salt length (RFC 4568 6.1, RFC 6188 7, RFC 7714
   * 14.2); several keys need an MKI on each, all of the same length (RFC 4568 6.1), and two keys
   * with one MKI value would make the packet's key ambiguous.
   */
  static Problem check(SrtpSuite suite, List<KeyParam> keys) {
    if (keys.isEmpty()) {
      return new Problem(0, "no key-param");
    }
    if (keys.size() > CryptoAttribute.MAX_KEY_PARAMS) {
      return new Problem(CryptoAttribute.MAX_KEY_PARAMS, "more than " + CryptoAttribute.MAX_KEY_PARAMS + " key-params");
    }
    for (int i = 0; i < keys.size(); i++) {
      KeyParam key = keys.get(i);
      if (key.isOpaque() || !KeyParam.INLINE.equals(key.method())) {
        return new Problem(i, "key-param " + (i + 1) + ": SRTP supports only the inline key method");
      }
      if (key.keySaltLength() != suite.keySaltLength()) {
        return new Problem(
            i,
            "key-param "
            + (i + 1)
            + ": key||salt is "
            + key.keySaltLength()
            + " bytes, "
            + suite.sdpName()
            + " needs "
            + suite.keySaltLength());
      }
    }
    if (keys.size() > 1) {
      int length = -1;
      Set<BigInteger> values = new HashSet<>();
      for (int i = 0; i < keys.size(); i++) {
        Mki mki = keys.get(i).mki().orElse(null);
        if (mki == null) {
          return new Problem(i, "key-param " + (i + 1) + ": several key-params need an MKI on each");
        }
        if (length >= 0 && mki.length() != length) {
          return new Problem(i, "key-param " + (i + 1) + ": MKI length differs from the first key-param's");
        }
        length = mki.length();
        if (!values.add(mki.value())) {
          return new Problem(i, "key-param " + (i + 1) + ": duplicate MKI value");
        }
      }
    }
    return null;
  }

  /** At most one of each defined parameter (a second KDR or WSH would be ambiguous). */
  static Problem checkParams(SrtpSuite suite, List<SessionParam> params) {
    if (params.size() > CryptoAttribute.MAX_SESSION_PARAMS) {
      return new Problem(CryptoAttribute.MAX_SESSION_PARAMS, "more than " + CryptoAttribute.MAX_SESSION_PARAMS + " session parameters");
    }
    if (params.isEmpty()) {
      return null;
    }
    Set<Object> seen = params.size() > 1 ? new HashSet<>() : null; // one parameter cannot repeat
    for (int i = 0; i < params.size(); i++) {
      SessionParam param = params.get(i);
      Object kind =
          switch (param) {
            case SessionParam.Kdr k -> "KDR";
            case SessionParam.Flag f -> f;
            case SessionParam.FecOrder f -> "FEC_ORDER";
            case SessionParam.FecKey f -> "FEC_KEY";
            case SessionParam.Wsh w -> "WSH";
            case SessionParam.Unknown u -> null;
          };
      if (kind != null && seen != null && !seen.add(kind)) {
        return new Problem(i, "session parameter " + (i + 1) + ": " + kind + " given twice");
      }
      if (param instanceof SessionParam.FecKey fec) {
        Problem problem = check(suite, fec.keys());
        if (problem != null) {
          return new Problem(i, "FEC_KEY " + problem.message());
        }
      }
    }
    return null;
  }
}
