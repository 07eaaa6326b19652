package ims.benchmarks.relay.rtpengine;

import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SDP of one load-generator call as the ng driver hands it to rtpengine (the UE's SRTP offer, the core's RTP
 * answer), and the two things read back from rtpengine's rewritten SDP: its media port and the SDES key it chose.
 * G.711 (PT 0 and 8; the generator sends PCMA, PT 8), rtcp-mux as the Java gateway's set-up, sendrecv.
 */
public final class RtpengineSdp {
  /** The only suite the load generator speaks (libsrtp's aes_cm_128_hmac_sha1_80 policy). */
  public static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  private static final int KEY_SALT_BYTES = 30;
  private static final Pattern AUDIO_PORT = Pattern.compile("(?m)^m=audio (\\d{1,5}) ");
  private static final Pattern CRYPTO = Pattern.compile(
      "(?m)^a=crypto:\\d{1,9} " + SUITE + " inline:([A-Za-z0-9+/]{38,40}={0,2})(?:[|\\s]|$)");

  private RtpengineSdp() {
  }

  /** The UE's offer: SRTP from 127.0.0.1:{@code uePort} with the UE's master key||salt (not kept). */
  public static String ueOffer(int uePort, byte[] ueKeySalt) {
    if (ueKeySalt.length != KEY_SALT_BYTES) {
      throw new IllegalArgumentException("key||salt must be " + KEY_SALT_BYTES + " bytes");
    }
    return session(1) + "m=audio " + port(uePort) + " RTP/SAVP 0 8\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtcp-mux\r\n"
        + "a=crypto:1 " + SUITE + " inline:" + Base64.getEncoder().encodeToString(ueKeySalt) + "\r\n"
        + "a=sendrecv\r\n";
  }

  /** The core peer's answer: plain RTP at 127.0.0.1:{@code corePort}. */
  public static String coreAnswer(int corePort) {
    return session(2) + "m=audio " + port(corePort) + " RTP/AVP 0 8\r\n"
        + "a=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtcp-mux\r\na=sendrecv\r\n";
  }

  private static String session(int id) {
    return "v=0\r\no=- " + id + " 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n";
  }

  private static int port(int port) {
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("port " + port);
    }
    return port;
  }

  /** The port of the first {@code m=audio} line. */
  public static OptionalInt audioPort(String sdp) {
    Matcher m = AUDIO_PORT.matcher(sdp);
    if (!m.find()) {
      return OptionalInt.empty();
    }
    int port = Integer.parseInt(m.group(1));
    return port >= 1 && port <= 65_535 ? OptionalInt.of(port) : OptionalInt.empty();
  }

  /**
   * The master key||salt (30 bytes) of the first {@code a=crypto} line with {@link #SUITE}; empty when there is none
   * or its inline key is not 30 bytes of base64 (rtpengine omits the padding by default, RFC 4568 keeps it).
   */
  public static Optional<byte[]> sdesKey(String sdp) {
    Matcher m = CRYPTO.matcher(sdp);
    if (!m.find()) {
      return Optional.empty();
    }
    byte[] key;
    try {
      key = Base64.getDecoder().decode(m.group(1));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    if (key.length != KEY_SALT_BYTES) {
      Arrays.fill(key, (byte) 0);
      return Optional.empty();
    }
    return Optional.of(key);
  }
}
