package ims.media.srtp.interop;

import ims.media.srtp.SrtpProfile;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Which suites the cross-checks run, and why some are left out.
 *
 * <ul>
 *   <li>F8_128_HMAC_SHA1_80: libsrtp 2 has no f8 cipher (its crypto_types.h lists NULL, AES-ICM 128/192/256 and
 *       AES-GCM 128/256 only); f8 is proven by the RFC 3711 B.1 vector in the engine's own tests.</li>
 *   <li>AES_192_CM_HMAC_SHA1_80/_32: Debian's libsrtp 2.5.0 derives AES-192 session keys with the AES-256 KDF
 *       (cisco/libsrtp#763, fixed upstream by PR #765 in August 2025), so it does not interoperate with any RFC 6188
 *       implementation. {@link LibsrtpAes192KdfTest} pins that down and checks the engine against RFC 6188 7.4.</li>
 * </ul>
 */
final class Suites {

  static final Set<SrtpProfile> NOT_IN_LIBSRTP = EnumSet.of(SrtpProfile.F8_128_HMAC_SHA1_80);
  static final Set<SrtpProfile> BROKEN_IN_LIBSRTP_2_5 =
      EnumSet.of(SrtpProfile.AES_192_CM_HMAC_SHA1_80, SrtpProfile.AES_192_CM_HMAC_SHA1_32);

  private Suites() {}

  /** Suites on which Debian's libsrtp 2.5 and an RFC-conforming engine must agree byte for byte. */
  static Stream<SrtpProfile> interoperable() {
    return Arrays.stream(SrtpProfile.values())
        .filter(p -> !NOT_IN_LIBSRTP.contains(p) && !BROKEN_IN_LIBSRTP_2_5.contains(p));
  }

  /** The interoperable suites that use HMAC-SHA1 (UNENCRYPTED_* and UNAUTHENTICATED_SRTP apply to them). */
  static Stream<SrtpProfile> interoperableWithHmac() {
    return interoperable().filter(p -> !p.isAead());
  }
}
