package ims.pcscf.sip;

import java.util.ConcurrentModificationException;
import javax.sip.SipStack;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops a jain-sip-ri stack so that it really stops. Its UDPMessageProcessor.stop closes the socket, then walks the
 * channel list while the channels' threads, woken by that close, remove themselves from it: a
 * ConcurrentModificationException that leaves the rest of the stack (other processors, timers, thread pools)
 * running. Stopping again, once the threads are gone, finishes the job; bounded, so a stack that keeps failing is
 * reported rather than retried forever. For the P-CSCF's own stack and for hosts of the plugin alike.
 */
public final class SipStackShutdown {
  private static final Logger log = LoggerFactory.getLogger(SipStackShutdown.class);
  static final int ATTEMPTS = 3;

  private SipStackShutdown() {
  }

  /** {@link SipStack#stop()}, again if jain-sip-ri trips over its own channel list (at most three times). */
  public static void stop(SipStack stack) {
    stop(stack::stop);
  }

  static void stop(Runnable stop) {
    for (int attempt = 1; ; attempt++) {
      try {
        stop.run();
        return;
      } catch (ConcurrentModificationException e) {
        if (attempt == ATTEMPTS) {
          log.warn("SIP stack stop failed {} times on a concurrent channel list; giving up", attempt);
          return;
        }
      }
    }
  }
}
