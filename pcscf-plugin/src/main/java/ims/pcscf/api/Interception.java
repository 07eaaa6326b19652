package ims.pcscf.api;

import java.util.Objects;
import java.util.Optional;

/** The interceptor's verdict on a request. */
public sealed interface Interception {

  /**
   * Forward the (possibly rewritten) request, and hand {@code exchange} back to
   * {@link PcscfInterceptor#onResponse} / {@link MediaSecurityInterceptor#onResponse} with every
   * response to it.
   */
  record Forward(Exchange exchange) implements Interception {
    public Forward {
      Objects.requireNonNull(exchange, "exchange");
    }
  }

  /** Do not forward: answer the request with this final response (with the Warning, if any). */
  record Respond(int statusCode, String reasonPhrase, Optional<Warning> warning) implements Interception {
    public Respond {
      if (statusCode < 300 || statusCode > 699) {
        throw new IllegalArgumentException("not a final error status: " + statusCode);
      }
      Objects.requireNonNull(reasonPhrase, "reasonPhrase");
      Objects.requireNonNull(warning, "warning");
    }

    /** A response without Warning. */
    public Respond(int statusCode, String reasonPhrase) {
      this(statusCode, reasonPhrase, Optional.empty());
    }

    public Respond(int statusCode, String reasonPhrase, Warning warning) {
      this(statusCode, reasonPhrase, Optional.of(warning));
    }
  }
}
