package ims.pcscf.sip;

import ims.iq.controller.ConfigureRequest;
import ims.iq.controller.ConnectionPoint;
import ims.iq.controller.ConnectionPointRequest;
import ims.iq.message.SdpText;
import ims.sdes.e2ae.E2aeResult;
import ims.sdes.e2ae.MediaAnchor;
import ims.sdes.e2ae.Rejection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The steps both e2ae flows ({@link OriginatingE2ae}, {@link TerminatingE2ae}) take with the IMS-AGW
 * and the {@code sdes} transforms: Iq requests whose SDP texts (keys) are wiped once answered and whose
 * failures become 503, the gateway's address from a reply, and a transform rejection as the SIP error.
 */
final class GatewaySteps {
  static final String ACCESS_REALM = "access";
  static final String CORE_REALM = "core";

  private GatewaySteps() {}

  /** The transform's value, or its rejection thrown as the SIP error (488 with its Warning). */
  static <T> T accepted(E2aeResult<T> result) {
    return switch (result) {
      case E2aeResult.Ok<T> ok -> ok.value();
      case E2aeResult.Rejected<T> rejected -> throw rejection(rejected.rejection());
    };
  }

  static E2aeCallException rejection(Rejection r) {
    return new E2aeCallException(r.sipStatus(), "Not Acceptable Here", r.warnCode(), r.warnText());
  }

  /** The stream's contexts once its access termination is reserved; 503 if the call was released meanwhile. */
  static GatewayCall.StreamContext withAccessTermination(GatewayCall call, int index) {
    GatewayCall.StreamContext c = call.stream(index).orElse(null);
    if (c == null || c.access == null) {
      throw E2aeCallException.gatewayUnavailable(new IllegalStateException("call released"));
    }
    return c;
  }

  static MediaAnchor anchorOf(ConnectionPoint cp) {
    return cp.local().flatMap(local -> GatewaySdp.anchorOf(local.text()))
        .orElseThrow(() -> E2aeCallException.gatewayUnavailable(new IllegalStateException("no local address")));
  }

  static CompletableFuture<ConnectionPoint> reserve(GatewayCall call, ConnectionPointRequest request) {
    return wipingAfter(call.iq(iq -> iq.reserveConnectionPoint(request)), request.local(), request.remote());
  }

  static CompletableFuture<ConnectionPoint> reserveAndConfigure(GatewayCall call, ConnectionPointRequest request) {
    return wipingAfter(call.iq(iq -> iq.reserveAndConfigureConnectionPoint(request)), request.local(), request.remote());
  }

  static CompletableFuture<Void> configure(GatewayCall call, ConfigureRequest request) {
    return wipingAfter(call.iq(iq -> iq.configureConnectionPoint(request)), request.local().orElse(null), request.remote())
        .thenAccept(cp -> {});
  }

  /** Iq failures become 503; the SDP texts (with keys) are wiped once the request is done. */
  private static <T> CompletableFuture<T> wipingAfter(CompletableFuture<T> future, SdpText local, Optional<SdpText> remote) {
    return future.handle((value, failure) -> {
      if (local != null) {
        local.close();
      }
      remote.ifPresent(SdpText::close);
      if (failure != null) {
        Throwable cause = failure instanceof CompletionException ce && ce.getCause() != null ? ce.getCause() : failure;
        throw cause instanceof E2aeCallException e ? e : E2aeCallException.gatewayUnavailable(cause);
      }
      return value;
    });
  }

  static CompletableFuture<Void> allOf(List<CompletableFuture<Void>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new));
  }
}
