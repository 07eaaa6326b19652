package ims.media.srtp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Everything one SDES {@code a=crypto} line says about a stream (RFC 4568 section 6: suite, key-params,
 * KDR, UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP, WSH), independent of SDP.
 *
 * <p>The record holds {@link MasterKey} objects, whose {@code toString()} is redacted. A
 * {@link SrtpContextFactory} copies the key material it needs; the caller still owns and closes the keys
 * passed here.
 *
 * @param profile the crypto suite
 * @param keys one or more master keys; with several, every key carries an MKI of {@code mkiLength} bytes
 * @param mkiLength MKI length in bytes carried in every packet, 0 for none
 * @param keyDerivationRate RFC 3711 KDR: 0 (derive once) or a power of two up to 2^24
 * @param unencryptedSrtp RFC 4568 UNENCRYPTED_SRTP: SRTP payloads are authenticated, not encrypted
 * @param unencryptedSrtcp RFC 4568 UNENCRYPTED_SRTCP: SRTCP is sent with E=0
 * @param unauthenticatedSrtp RFC 4568 UNAUTHENTICATED_SRTP: SRTP carries no tag (SRTCP still does)
 * @param replayWindow replay window size in packets, RFC 4568 WSH, at least {@value #MIN_REPLAY_WINDOW}
 */
public record SrtpParameters(SrtpProfile profile, List<MasterKey> keys, int mkiLength, int keyDerivationRate,
    boolean unencryptedSrtp, boolean unencryptedSrtcp, boolean unauthenticatedSrtp, int replayWindow) {

  /** RFC 3711 section 3.3.2: the window size must be at least 64. */
  public static final int MIN_REPLAY_WINDOW = 64;
  /** RFC 4568 WSH default. */
  public static final int DEFAULT_REPLAY_WINDOW = 128;
  /** Cap on the window we allocate per context (a hostile WSH must not cost megabytes). */
  public static final int MAX_REPLAY_WINDOW = 32768;
  /** RFC 3711 section 4.3.1: KDR is 2^0 .. 2^24. */
  public static final int MAX_KEY_DERIVATION_RATE = 1 << 24;

  public SrtpParameters {
    Objects.requireNonNull(profile, "profile");
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one master key");
    }
    if (mkiLength < 0 || mkiLength > MasterKey.MAX_MKI_LENGTH) {
      throw new IllegalArgumentException("MKI length out of range: " + mkiLength);
    }
    if (mkiLength == 0 && keys.size() > 1) {
      throw new IllegalArgumentException("several master keys need an MKI to tell them apart");
    }
    for (int i = 0; i < keys.size(); i++) {
      MasterKey k = keys.get(i);
      if (k.isClosed()) {
        throw new IllegalArgumentException("master key " + i + " is closed");
      }
      if (k.keyLength() != profile.masterKeyLength() || k.saltLength() != profile.masterSaltLength()) {
        throw new IllegalArgumentException("master key " + i + " has " + k.keyLength() + "+" + k.saltLength()
            + " bytes of key+salt, " + profile + " needs " + profile.masterKeyLength() + "+"
            + profile.masterSaltLength());
      }
      if (k.mkiLength() != mkiLength) {
        throw new IllegalArgumentException("master key " + i + " has an MKI of " + k.mkiLength()
            + " bytes, expected " + mkiLength);
      }
      for (int j = 0; j < i; j++) {
        if (mkiLength > 0 && Arrays.equals(keys.get(j).mkiBytes(), k.mkiBytes())) {
          throw new IllegalArgumentException("master keys " + j + " and " + i + " have the same MKI");
        }
      }
    }
    if (keyDerivationRate < 0 || keyDerivationRate > MAX_KEY_DERIVATION_RATE
        || Integer.bitCount(keyDerivationRate) > 1) {
      throw new IllegalArgumentException("KDR must be 0 or a power of two up to 2^24: " + keyDerivationRate);
    }
    if (replayWindow < MIN_REPLAY_WINDOW || replayWindow > MAX_REPLAY_WINDOW) {
      throw new IllegalArgumentException("replay window out of range " + MIN_REPLAY_WINDOW + ".."
          + MAX_REPLAY_WINDOW + ": " + replayWindow);
    }
    if (profile.isAead() && (unencryptedSrtp || unauthenticatedSrtp)) {
      throw new IllegalArgumentException(profile + " cannot leave SRTP unencrypted or unauthenticated (RFC 7714)");
    }
  }

  /** One master key, no MKI, KDR 0, everything encrypted and authenticated, replay window 128. */
  public static SrtpParameters of(SrtpProfile profile, MasterKey key) {
    return new SrtpParameters(profile, List.of(key), 0, 0, false, false, false, DEFAULT_REPLAY_WINDOW);
  }

  /** SRTP tag length on the wire (0 with UNAUTHENTICATED_SRTP). */
  public int srtpTagLength() {
    return unauthenticatedSrtp ? 0 : profile.srtpTagLength();
  }
}
