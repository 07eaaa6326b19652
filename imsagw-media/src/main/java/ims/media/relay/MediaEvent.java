package ims.media.relay;

import java.time.Duration;
import java.util.Objects;

/**
 * Something a termination's counters showed that the controller should hear about. Found by a periodic sweep on the
 * termination's event loop (never on the packet path), handed to the listener given to
 * {@link MediaRelay#startEvents}; carries counts and times only, never key material.
 */
public sealed interface MediaEvent {
  RelayTermination termination();

  /** Which key of a termination: the one packets from the remote are unprotected with, or the one sent with. */
  enum KeyUse { RECEIVE, SEND }

  /** No packet arrived from the remote for {@code detectionTime} (after detection was asked for, or the last one). */
  record MediaInactive(RelayTermination termination, Duration detectionTime) implements MediaEvent {
    public MediaInactive {
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(detectionTime, "detectionTime");
    }
  }

  /**
   * At least the configured number of authentication failures within the window; one event per burst (the burst
   * ends with a window free of failures) and at most one per configured interval per termination.
   */
  record AuthFailureBurst(RelayTermination termination, long failures, Duration window) implements MediaEvent {
    public AuthFailureBurst {
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(window, "window");
    }
  }

  /**
   * The termination still exists (H.248.36 termination heartbeat), every period the controller asked for: a
   * controller that no longer knows the termination learns that it is hanging.
   */
  record Heartbeat(RelayTermination termination) implements MediaEvent {
    public Heartbeat {
      Objects.requireNonNull(termination, "termination");
    }
  }

  /** A master key reached its lifetime (RFC 3711 9.2 / the a=crypto lifetime); reported once per key. */
  record KeyLifetimeReached(RelayTermination termination, KeyUse use, int masterKeyIndex) implements MediaEvent {
    public KeyLifetimeReached {
      Objects.requireNonNull(termination, "termination");
      Objects.requireNonNull(use, "use");
    }
  }
}
