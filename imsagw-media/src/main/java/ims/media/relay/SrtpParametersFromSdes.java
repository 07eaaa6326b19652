package ims.media.relay;

import ims.media.srtp.MasterKey;
import ims.media.srtp.SrtpParameters;
import ims.media.srtp.SrtpProfile;
import ims.sdes.SdesParseException;
import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.attribute.KeyParam;
import ims.sdes.attribute.SessionParam;
import ims.sdes.attribute.SrtpSuite;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Maps one RFC 4568 {@code a=crypto} value (parsed with {@code ims.sdes}) to {@link SrtpParameters}: suite to
 * profile, each inline key-param to a {@link MasterKey} (key||salt split at the suite's key length, MKI, lifetime),
 * and the session parameters KDR, UNENCRYPTED_SRTP, UNENCRYPTED_SRTCP, UNAUTHENTICATED_SRTP and WSH.
 *
 * <p>Never throws on bad input: the result says what is wrong, in words that name no key material. Every
 * intermediate copy of key bytes is wiped; on failure no {@link MasterKey} is left open.
 */
final class SrtpParametersFromSdes {
  private SrtpParametersFromSdes() {
  }

  /** The outcome of a mapping. */
  sealed interface Result {
    /** The caller owns the keys inside {@code parameters} (and hands them to the relay). */
    record Ok(SrtpParameters parameters) implements Result {
      public Ok {
        Objects.requireNonNull(parameters, "parameters");
      }
    }

    /** {@code what} names the offending part (suite name, parameter), never a key. */
    record Unsupported(String what) implements Result {
      public Unsupported {
        Objects.requireNonNull(what, "what");
      }
    }
  }

  static Result map(String cryptoValue) {
    CryptoAttribute attribute;
    try {
      attribute = CryptoAttribute.parse(cryptoValue);
    } catch (SdesParseException e) {
      return new Result.Unsupported("a=crypto: " + e.getMessage());
    }
    try (attribute) {
      return map(attribute);
    }
  }

  static Result map(CryptoAttribute attribute) {
    if (attribute.knownSuite().isEmpty()) {
      return new Result.Unsupported("crypto suite " + attribute.suite().name());
    }
    SrtpSuite suite = attribute.knownSuite().get();
    SrtpProfile profile;
    try {
      profile = SrtpProfile.valueOf(suite.name());
    } catch (IllegalArgumentException e) {
      return new Result.Unsupported("crypto suite " + suite.name());
    }
    int kdr = 0;
    boolean unencryptedSrtp = false;
    boolean unencryptedSrtcp = false;
    boolean unauthenticatedSrtp = false;
    int window = SrtpParameters.DEFAULT_REPLAY_WINDOW;
    for (SessionParam p : attribute.sessionParams()) {
      switch (p) {
        case SessionParam.Kdr k -> kdr = 1 << k.exponent();
        case SessionParam.Flag f -> {
          switch (f) {
            case UNENCRYPTED_SRTP -> unencryptedSrtp = true;
            case UNENCRYPTED_SRTCP -> unencryptedSrtcp = true;
            case UNAUTHENTICATED_SRTP -> unauthenticatedSrtp = true;
          }
        }
        case SessionParam.Wsh w -> window = Math.min(Math.max(w.window(), SrtpParameters.MIN_REPLAY_WINDOW),
            SrtpParameters.MAX_REPLAY_WINDOW);
        case SessionParam.FecOrder o -> {
          // FEC ordering concerns the sender's FEC, which the relay does not generate or repair.
        }
        case SessionParam.FecKey fk -> {
          return new Result.Unsupported("session parameter FEC_KEY");
        }
        case SessionParam.Unknown u -> {
          if (!u.ignorable()) {
            return new Result.Unsupported("session parameter " + u.format().split("=", 2)[0]);
          }
        }
      }
    }
    List<MasterKey> keys = new ArrayList<>(attribute.keys().size());
    int mkiLength = 0;
    try {
      for (KeyParam kp : attribute.keys()) {
        if (kp.isOpaque() || !KeyParam.INLINE.equals(kp.method())) {
          closeAll(keys);
          return new Result.Unsupported("key method " + kp.method());
        }
        byte[] keySalt = kp.keySaltCopy();
        try {
          if (keySalt.length != profile.masterKeyLength() + profile.masterSaltLength()) {
            closeAll(keys);
            return new Result.Unsupported("key length for " + suite.name());
          }
          byte[] mki = kp.mki().map(m -> m.toBytes()).orElse(new byte[0]);
          mkiLength = mki.length;
          long lifetime = kp.lifetime().map(l -> l.packets()).orElse(MasterKey.DEFAULT_LIFETIME);
          keys.add(MasterKey.fromKeySalt(keySalt, profile.masterKeyLength(), mki, lifetime));
        } finally {
          Arrays.fill(keySalt, (byte) 0);
        }
      }
      return new Result.Ok(new SrtpParameters(profile, keys, mkiLength, kdr, unencryptedSrtp, unencryptedSrtcp,
          unauthenticatedSrtp, window));
    } catch (IllegalArgumentException e) {
      closeAll(keys);
      return new Result.Unsupported("a=crypto parameters for " + suite.name() + ": " + e.getMessage());
    }
  }

  private static void closeAll(List<MasterKey> keys) {
    for (MasterKey k : keys) {
      k.close();
    }
  }
}
