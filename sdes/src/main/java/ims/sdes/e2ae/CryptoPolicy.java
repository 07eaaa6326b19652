package ims.sdes.e2ae;

import ims.sdes.attribute.SrtpSuite;
import java.util.EnumSet;
import java.util.List;

/**
 * The operator's SDES policy: the SRTP suites the IMS-AGW may use, most preferred first. The originating
 * offer picks the UE's crypto line whose suite comes first in this list; the terminating offer offers one
 * crypto line per suite, in this order.
 */
public record CryptoPolicy(List<SrtpSuite> allowedSuites) {

  /** AES_CM_128_HMAC_SHA1_80 then AES_CM_128_HMAC_SHA1_32: the suites TS 33.328 requires for e2ae. */
  public static final CryptoPolicy DEFAULT =
      new CryptoPolicy(List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_32));

  public CryptoPolicy {
    allowedSuites = List.copyOf(allowedSuites);
    if (allowedSuites.isEmpty()) {
      throw new IllegalArgumentException("a crypto policy allows at least one suite");
    }
    if (EnumSet.copyOf(allowedSuites).size() != allowedSuites.size()) {
      throw new IllegalArgumentException("a suite is listed twice");
    }
  }

  /** Preference rank of a suite (0 = best), or -1 if not allowed. */
  int rank(SrtpSuite suite) {
    return allowedSuites.indexOf(suite);
  }
}
