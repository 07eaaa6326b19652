package ims.sdes.e2ae;

import java.util.Objects;

/**
 * Why a transform refused an SDP. The SIP side maps each to a final response: {@link #sipStatus()} with
 * a {@code Warning: <warnCode> <host> "<warnText>"} header (RFC 3261 section 20.43). Texts name the stream
 * and the reason, never key material. Stream numbers in texts count from 1, as people read SDP.
 */
public sealed interface Rejection {

  /** The suggested SIP status code. */
  default int sipStatus() {
    return 488;
  }

  /** The suggested RFC 3261 warn-code. */
  int warnCode();

  /** The suggested warn-text (no quotes, no key material). */
  String warnText();

  /** The SDP does not parse, breaks a limit, or lacks what the transform needs (e.g. a connection address). */
  record MalformedSdp(String reason) implements Rejection {
    public MalformedSdp {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "Malformed SDP: " + reason;
    }
  }

  /** A stream requested e2ae but has no {@code a=crypto} whose suite the policy allows. */
  record NoAcceptableCrypto(int streamIndex) implements Rejection {
    @Override
    public int warnCode() {
      return 306;
    }

    @Override
    public String warnText() {
      return "No acceptable SDES crypto attribute for e2ae in media stream " + (streamIndex + 1);
    }
  }

  /** The answer has a different number of {@code m=} lines than the offer (RFC 3264 section 6). */
  record StreamCountMismatch(int offered, int answered) implements Rejection {
    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "SDP answer has " + answered + " media streams, the offer had " + offered;
    }
  }

  /** Session-level key material is shared between an e2ae stream and one forwarded end to end. */
  record SharedSessionKeys() implements Rejection {
    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "Session-level SDES capabilities shared by e2ae and end-to-end streams";
    }
  }

  /** The UE answered an e2ae stream without SRTP (not RTP/SAVP or RTP/SAVPF). */
  record AnswerNotSrtp(int streamIndex, String proto) implements Rejection {
    @Override
    public int warnCode() {
      return 302;
    }

    @Override
    public String warnText() {
      return "Media stream " + (streamIndex + 1) + " answered with " + proto + " where SRTP was offered";
    }
  }

  /** The UE's answer to an e2ae stream does not have exactly one {@code a=crypto} (RFC 4568 section 7.1.2). */
  record AnswerCryptoCount(int streamIndex, int count) implements Rejection {
    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "Media stream " + (streamIndex + 1) + " answered with " + count + " crypto attributes, expected 1";
    }
  }

  /** The answer's crypto tag is not one that was offered. */
  record AnswerTagMismatch(int streamIndex, int tag) implements Rejection {
    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "Media stream " + (streamIndex + 1) + " answered crypto tag " + tag + " which was not offered";
    }
  }

  /** The answer's crypto suite differs from the one offered under the same tag. */
  record AnswerSuiteMismatch(int streamIndex, String offered, String answered) implements Rejection {
    public AnswerSuiteMismatch {
      Objects.requireNonNull(offered, "offered");
      Objects.requireNonNull(answered, "answered");
    }

    @Override
    public int warnCode() {
      return 399;
    }

    @Override
    public String warnText() {
      return "Media stream " + (streamIndex + 1) + " answered suite " + answered + " for an offer of " + offered;
    }
  }

  /** The answer's crypto attribute does not parse or is unusable (key length, unknown mandatory parameter). */
  record AnswerCryptoInvalid(int streamIndex, String reason) implements Rejection {
    public AnswerCryptoInvalid {
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public int warnCode() {
      return 306;
    }

    @Override
    public String warnText() {
      return "Invalid crypto attribute in media stream " + (streamIndex + 1) + ": " + reason;
    }
  }
}
