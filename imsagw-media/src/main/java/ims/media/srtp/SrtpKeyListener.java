package ims.media.srtp;

/**
 * Told when a master key reaches its lifetime (RFC 3711 section 9.2; the a=crypto lifetime or 2^48 SRTP /
 * 2^31 SRTCP packets). Called on the context's own thread, at most once per key and context, from inside the
 * protect/unprotect call that used the key for the last time: implementations must be quick and must not call
 * back into the context (hand the event to the control plane instead).
 */
@FunctionalInterface
public interface SrtpKeyListener {
  /** Ignores every event. */
  SrtpKeyListener NONE = (context, masterKeyIndex) -> { };

  /** {@code masterKeyIndex} is the key's position in {@link SrtpParameters#keys()}. */
  void masterKeyExpired(SrtpContext context, int masterKeyIndex);
}
