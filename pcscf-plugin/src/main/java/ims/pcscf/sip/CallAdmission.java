package ims.pcscf.sip;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the proxy takes new calls: open until {@link #stop} (a graceful shutdown's drain), then
 * initial INVITEs get 503 with {@code Retry-After}. Thread-safe; stopping is one-way and idempotent
 * (the first Retry-After stays).
 */
final class CallAdmission {
  private final AtomicReference<Duration> retryAfter = new AtomicReference<>();

  /** Stops admitting new calls; true if this call stopped it (false if already stopped). */
  boolean stop(Duration retryAfter) {
    return this.retryAfter.compareAndSet(null, retryAfter);
  }

  /** Empty while new calls are admitted; else the Retry-After their refusal carries. */
  Optional<Duration> refusal() {
    return Optional.ofNullable(retryAfter.get());
  }
}
