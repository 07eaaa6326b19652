package ims.pcscf.api;

import java.util.Objects;
import java.util.Optional;

/** The verdict of a {@link MediaSecurityInterceptor} on a response the host is about to relay. */
public sealed interface ResponseInterception {

  /** Relay the response as the interceptor left it (its SDP may have been rewritten). */
  record Relay() implements ResponseInterception {}

  /**
   * Do not relay it: answer the request with this final error instead, and end what the answerer
   * started ({@code cleanup}). Happens when an e2ae answer cannot be anchored (the transform refuses
   * it, or the IMS-AGW fails): the offerer never gets media the P-CSCF could not protect.
   */
  record Replace(int statusCode, String reasonPhrase, Optional<Warning> warning, AnswererCleanup cleanup)
      implements ResponseInterception {
    public Replace {
      if (statusCode < 300 || statusCode > 699) {
        throw new IllegalArgumentException("not a final error status: " + statusCode);
      }
      Objects.requireNonNull(reasonPhrase, "reasonPhrase");
      Objects.requireNonNull(warning, "warning");
      Objects.requireNonNull(cleanup, "cleanup");
    }
  }

  /** What the host does toward the answerer when a response is replaced. */
  enum AnswererCleanup {
    /** The response was provisional: CANCEL the INVITE downstream (RFC 3261 16.10), the answerer must not keep ringing. */
    CANCEL_INVITE,
    /** The response was a 2xx: acknowledge it and end that dialog (ACK, then BYE along its route set). */
    END_DIALOG
  }
}
