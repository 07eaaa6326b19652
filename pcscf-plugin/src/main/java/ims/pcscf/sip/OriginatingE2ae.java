package ims.pcscf.sip;

import static ims.pcscf.sip.GatewaySteps.ACCESS_REALM;
import static ims.pcscf.sip.GatewaySteps.CORE_REALM;
import static ims.pcscf.sip.GatewaySteps.accepted;
import static ims.pcscf.sip.GatewaySteps.allOf;
import static ims.pcscf.sip.GatewaySteps.anchorOf;
import static ims.pcscf.sip.GatewaySteps.configure;
import static ims.pcscf.sip.GatewaySteps.reserve;
import static ims.pcscf.sip.GatewaySteps.reserveAndConfigure;
import static ims.pcscf.sip.GatewaySteps.withAccessTermination;

import ims.iq.controller.ConfigureRequest;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.message.ContextId;
import ims.iq.message.SdpText;
import ims.sdes.e2ae.CryptoPolicy;
import ims.sdes.e2ae.GatewayStream;
import ims.sdes.e2ae.MediaAnchor;
import ims.sdes.e2ae.OriginatingAnswer;
import ims.sdes.e2ae.OriginatingOffer;
import ims.sdes.e2ae.OriginatingTransforms;
import ims.sdes.e2ae.UeOfferedStream;
import ims.sdes.key.KeySource;
import ims.sdes.sdp.MediaDescription;
import ims.sdes.sdp.Sdp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * TS 33.328 7.2.1 with the IMS-AGW over Iq: on the UE's offer, reserve per e2ae stream a core
 * termination ({@code RTP/AVP}, its address goes into the core offer) and an access termination
 * (Reserve and Configure: Remote = the UE's address and chosen key K11); on the core's answer, create
 * K12 and configure the access termination's Local (encrypt toward the UE with K12) and the core
 * termination's Remote (the far end's address). Every step is asynchronous; failures complete the
 * future with an {@link E2aeCallException}. What was reserved belongs to the {@link GatewayCall}.
 */
final class OriginatingE2ae {
  private OriginatingE2ae() {}

  /** Steps 3-5: reserves and returns the call's originating leg (its core offer included). */
  static CompletableFuture<E2aeLeg.Originating> offer(GatewayCall call, Sdp ueOffer, CryptoPolicy policy) {
    List<Integer> indices = OriginatingTransforms.streamsToAnchor(ueOffer);
    Map<Integer, MediaAnchor> coreAnchors = new HashMap<>();
    List<CompletableFuture<Void>> reservations = new ArrayList<>();
    for (int i : indices) {
      MediaDescription d = ueOffer.media(i).description();
      String addressType = ueOffer.connectionOf(i).map(c -> c.addressType()).orElse("IP4");
      String template = GatewaySdp.template(d, rtpProto(d.proto()), addressType);
      reservations.add(reserve(call, ConnectionPointRequest.reserve(ContextId.CHOOSE, CORE_REALM, SdpText.of(template)))
          .thenAccept(cp -> {
            MediaAnchor anchor = anchorOf(cp);
            synchronized (coreAnchors) {
              coreAnchors.put(i, anchor);
            }
            call.add(new GatewayCall.StreamContext(i, cp.context(), cp.termination(), anchor));
          }));
    }
    return allOf(reservations).thenCompose(ignored -> {
      OriginatingOffer offer = accepted(OriginatingTransforms.offer(ueOffer, policy, Map.copyOf(coreAnchors)));
      call.own(offer);
      List<CompletableFuture<Void>> access = new ArrayList<>();
      for (UeOfferedStream s : offer.e2aeStreams()) {
        GatewayCall.StreamContext context = call.stream(s.index()).orElseThrow(
            () -> E2aeCallException.gatewayUnavailable(new IllegalStateException("call released")));
        MediaDescription d = ueOffer.media(s.index()).description();
        SdpText local = SdpText.of(GatewaySdp.template(d, s.srtpProto(), s.ue().connection().addressType()));
        SdpText remote = SdpText.of(GatewaySdp.at(s.ue(), d, s.srtpProto(), Optional.of(s.ueCrypto())));
        access.add(reserveAndConfigure(call,
                ConnectionPointRequest.reserveAndConfigure(context.context, ACCESS_REALM, local, remote))
            .thenAccept(cp -> call.addAccess(context, cp.termination(), anchorOf(cp))));
      }
      return allOf(access).thenApply(done -> new E2aeLeg.Originating(call, offer));
    });
  }

  /** Steps 7-8: configures the gateway with K12 and the core's address; returns the UE answer's body. */
  static CompletableFuture<String> answer(GatewayCall call, OriginatingOffer offer, Sdp coreAnswer, KeySource keys) {
    Map<Integer, MediaAnchor> accessAnchors = new HashMap<>();
    for (GatewayCall.StreamContext c : call.streams()) {
      if (c.accessAnchor != null) {
        accessAnchors.put(c.index, c.accessAnchor);
      }
    }
    try {
      OriginatingAnswer answer = accepted(OriginatingTransforms.answer(offer, coreAnswer, accessAnchors, keys));
      call.own(answer);
      List<CompletableFuture<Void>> configured = new ArrayList<>();
      for (GatewayStream g : answer.gatewayStreams()) {
        GatewayCall.StreamContext c = withAccessTermination(call, g.index());
        MediaDescription toUe = answer.ueAnswer().media(g.index()).description();
        MediaDescription toCore = coreAnswer.media(g.index()).description();
        SdpText accessLocal = SdpText.of(GatewaySdp.at(g.accessAnchor(), toUe, toUe.proto(), Optional.of(g.encryptToUe())));
        SdpText coreRemote = SdpText.of(GatewaySdp.at(g.core(), toCore, toCore.proto(), Optional.empty()));
        configured.add(configure(call,
            new ConfigureRequest(c.context, c.access, Optional.empty(), Optional.of(accessLocal), Optional.empty())));
        configured.add(configure(call, ConfigureRequest.remote(c.context, c.core, coreRemote)));
      }
      return allOf(configured).thenApply(done -> answer.ueAnswer().format());
    } catch (E2aeCallException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  static String rtpProto(String proto) {
    return proto.replace("SAVP", "AVP");
  }
}
