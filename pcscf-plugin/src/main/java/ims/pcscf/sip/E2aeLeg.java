package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import ims.sdes.e2ae.OriginatingOffer;
import ims.sdes.e2ae.TerminatingOffer;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.Sdp;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * An INVITE transaction whose SDP the P-CSCF anchors at the IMS-AGW, waiting for the answer; the
 * exchange a hosted interceptor hands back with each response.
 */
sealed interface E2aeLeg extends Exchange {

  GatewayCall call();

  /** The offer the far side gets (no UE key toward the core; the P-CSCF's keys toward the UE). */
  String forwardedOffer();

  /** The far side's answer: configures the gateway and returns the body for the offerer. */
  CompletableFuture<String> answer(Sdp answer, KeySource keys);

  /** TS 33.328 7.2.1: the UE offered; the core answers. */
  record Originating(GatewayCall call, OriginatingOffer offer) implements E2aeLeg {
    public Originating {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(offer, "offer");
    }

    @Override
    public CompletableFuture<String> answer(Sdp coreAnswer, KeySource keys) {
      return OriginatingE2ae.answer(call, offer, coreAnswer, keys);
    }

    @Override
    public String forwardedOffer() {
      return offer.coreOffer().format();
    }
  }

  /** TS 33.328 7.3.1: the core offered toward a UE registered with e2ae; the UE answers. */
  record Terminating(GatewayCall call, TerminatingOffer offer) implements E2aeLeg {
    public Terminating {
      Objects.requireNonNull(call, "call");
      Objects.requireNonNull(offer, "offer");
    }

    @Override
    public CompletableFuture<String> answer(Sdp ueAnswer, KeySource keys) {
      return TerminatingE2ae.answer(call, offer, ueAnswer);
    }

    @Override
    public String forwardedOffer() {
      return offer.ueOffer().format();
    }
  }
}
