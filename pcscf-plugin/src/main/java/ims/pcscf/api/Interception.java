package ims.pcscf.api;

import java.util.Objects;

/** The interceptor's verdict on a request. */
public sealed interface Interception {

  /**
   * Forward the (possibly rewritten) request, and hand {@code exchange} back to
   * {@link PcscfInterceptor#onResponse} with every response to it.
   */
  record Forward(Exchange exchange) implements Interception {
    public Forward {
      Objects.requireNonNull(exchange, "exchange");
    }
  }

  /** Do not forward: answer the request with this final response. */
  record Respond(int statusCode, String reasonPhrase) implements Interception {
    public Respond {
      if (statusCode < 300 || statusCode > 699) {
        throw new IllegalArgumentException("not a final error status: " + statusCode);
      }
      Objects.requireNonNull(reasonPhrase, "reasonPhrase");
    }
  }
}
