package ims.pcscf.sip;

import ims.iq.controller.ConfigureRequest;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.sdes.e2ae.CryptoPolicy;
import ims.sdes.e2ae.GatewayStream;
import ims.sdes.e2ae.MediaAnchor;
import ims.sdes.e2ae.TerminatingAnswer;
import ims.sdes.e2ae.TerminatingOffer;
import ims.sdes.e2ae.TerminatingTransforms;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.Connection;
import ims.sdes.sdp.MediaDescription;
import ims.sdes.sdp.Sdp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * TS 33.328 7.3.1 with the IMS-AGW over Iq: on the core's offer toward a UE registered with e2ae,
 * reserve per protected stream a core termination (Reserve and Configure: Remote = the far end's
 * address, {@code RTP/AVP}) and an access termination (Reserve, {@code RTP/SAVP} template); the UE
 * gets the {@code sdes} transform's offer (K21, {@code a=3ge2ae:applied}, the gateway's access
 * address). On the UE's answer (K22) configure the access termination: Local = K21 (encrypt toward
 * the UE), Remote = the UE's address and K22 (decrypt the UE's media); the core gets RTP/AVP at the
 * gateway's core address. Failures complete the futures with an {@link E2aeCallException}.
 */
final class TerminatingE2ae {
  private TerminatingE2ae() {}

  /** Step 4: reserves and returns the call's terminating leg (its UE offer included). */
  static CompletableFuture<E2aeLeg.Terminating> offer(GatewayCall call, Sdp coreOffer, CryptoPolicy policy,
      KeySource keys) {
    List<Integer> indices = TerminatingTransforms.streamsToAnchor(coreOffer);
    Map<Integer, MediaAnchor> accessAnchors = new HashMap<>();
    List<CompletableFuture<Void>> reservations = new ArrayList<>();
    for (int i : indices) {
      MediaDescription d = coreOffer.media(i).description();
      Connection farEnd = coreOffer.connectionOf(i).orElseThrow(
          () -> GatewaySteps.rejection(new ims.sdes.e2ae.Rejection.MalformedSdp("no connection address")));
      String srtp = d.proto().replace("AVP", "SAVP");
      SdpText coreLocal = SdpText.of(GatewaySdp.template(d, d.proto(), farEnd.addressType()));
      SdpText coreRemote = SdpText.of(GatewaySdp.at(farEnd, d.port(), d, d.proto(), Optional.empty()));
      reservations.add(GatewaySteps.reserveAndConfigure(call, ConnectionPointRequest.reserveAndConfigure(
              ContextId.CHOOSE, GatewaySteps.CORE_REALM, coreLocal, coreRemote))
          .thenCompose(core -> {
            var context = new GatewayCall.StreamContext(i, core.context(), core.termination(),
                GatewaySteps.anchorOf(core));
            call.add(context);
            SdpText accessLocal = SdpText.of(GatewaySdp.template(d, srtp, farEnd.addressType()));
            return GatewaySteps.reserve(call,
                    ConnectionPointRequest.reserve(context.context, GatewaySteps.ACCESS_REALM, accessLocal))
                .thenAccept(access -> {
                  MediaAnchor anchor = GatewaySteps.anchorOf(access);
                  synchronized (accessAnchors) {
                    accessAnchors.put(i, anchor);
                  }
                  call.addAccess(context, access.termination(), anchor);
                });
          }));
    }
    return GatewaySteps.allOf(reservations).thenApply(ignored -> {
      TerminatingOffer offer =
          GatewaySteps.accepted(TerminatingTransforms.offer(coreOffer, policy, Map.copyOf(accessAnchors), keys));
      call.own(offer);
      return new E2aeLeg.Terminating(call, offer);
    });
  }

  /** Steps 5-7: configures the access termination with K21/K22 and returns the core answer's body. */
  static CompletableFuture<String> answer(GatewayCall call, TerminatingOffer offer, Sdp ueAnswer) {
    Map<Integer, MediaAnchor> coreAnchors = new HashMap<>();
    for (GatewayCall.StreamContext c : call.streams()) {
      coreAnchors.put(c.index, c.coreAnchor);
    }
    try {
      TerminatingAnswer answer = GatewaySteps.accepted(TerminatingTransforms.answer(offer, ueAnswer, coreAnchors));
      call.own(answer);
      List<CompletableFuture<Void>> configured = new ArrayList<>();
      for (GatewayStream g : answer.gatewayStreams()) {
        GatewayCall.StreamContext c = GatewaySteps.withAccessTermination(call, g.index());
        MediaDescription toUe = ueAnswer.media(g.index()).description();
        SdpText local = SdpText.of(GatewaySdp.at(g.accessAnchor(), toUe, toUe.proto(), Optional.of(g.encryptToUe())));
        SdpText remote = SdpText.of(GatewaySdp.at(g.ue(), toUe, toUe.proto(), Optional.of(g.decryptFromUe())));
        configured.add(GatewaySteps.configure(call,
            new ConfigureRequest(c.context, c.access, Optional.empty(), Optional.of(local), Optional.of(remote))));
      }
      return GatewaySteps.allOf(configured).thenApply(done -> answer.coreAnswer().format());
    } catch (E2aeCallException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
