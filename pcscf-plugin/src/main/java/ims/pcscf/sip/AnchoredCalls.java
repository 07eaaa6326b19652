package ims.pcscf.sip;

import ims.pcscf.api.Side;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Predicate;

/**
 * Calls anchored at the IMS-AGW, by Call-ID and the offerer's side, until BYE, CANCEL, an error or a
 * timeout releases them. Both sides: a call between two UEs of this P-CSCF has one Call-ID and two
 * anchored legs (originating and terminating). Thread-safe; every release goes through here so that a
 * call leaves the map when its gateway contexts are released ({@link GatewayCall#release} is idempotent).
 */
final class AnchoredCalls {
  private final ConcurrentMap<String, GatewayCall> calls = new ConcurrentHashMap<>();

  /** Registers {@code call} offered from {@code offerer}; an earlier call under the same key is released. */
  void put(Side offerer, GatewayCall call) {
    GatewayCall previous = calls.put(key(call.callId(), offerer), call);
    if (previous != null) {
      previous.release(); // a new initial INVITE with the same Call-ID replaces the old call
    }
  }

  /** The call whose offer came from {@code offerer}, or null. */
  GatewayCall get(String callId, Side offerer) {
    return calls.get(key(callId, offerer));
  }

  boolean isAnchored(String callId) {
    return calls.containsKey(key(callId, Side.ACCESS)) || calls.containsKey(key(callId, Side.CORE));
  }

  /** Releases every leg of the call with this Call-ID (BYE from either side). */
  void release(String callId) {
    for (Side offerer : Side.values()) {
      GatewayCall call = calls.remove(key(callId, offerer));
      if (call != null) {
        call.release();
      }
    }
  }

  void release(GatewayCall call) {
    calls.remove(key(call.callId(), Side.ACCESS), call);
    calls.remove(key(call.callId(), Side.CORE), call);
    call.release();
  }

  /** An in-dialog request of the call with this Call-ID came from {@code from} with this CSeq. */
  void requestInDialog(String callId, Side from, long cseq) {
    for (Side offerer : Side.values()) {
      GatewayCall call = calls.get(key(callId, offerer));
      if (call != null) {
        call.dialog().requestFrom(from, cseq);
      }
    }
  }

  /** Removes (without releasing) every call {@code test} selects and returns them. */
  List<GatewayCall> removeIf(Predicate<GatewayCall> test) {
    var removed = new ArrayList<GatewayCall>();
    calls.entrySet().removeIf(e -> {
      if (test.test(e.getValue())) {
        removed.add(e.getValue());
        return true;
      }
      return false;
    });
    return removed;
  }

  void releaseAll() {
    calls.values().forEach(GatewayCall::release);
    calls.clear();
  }

  private static String key(String callId, Side offerer) {
    return offerer.name() + ' ' + callId;
  }
}
