package ims.pcscf.view;

import java.util.List;
import java.util.Objects;

/**
 * One media stream ({@code m=} line) of an active call, without any key material.
 *
 * @param index           position of the {@code m=} line in the offer, from 0
 * @param media           the media type ({@code audio}, {@code video}, ...)
 * @param mode            how the stream is protected
 * @param gatewayContexts the IMS-AGW (Iq) context ids behind an e2ae stream; empty for the others and
 *                        while the gateway has not allocated one yet
 */
public record MediaStreamView(int index, String media, SecurityMode mode, List<Long> gatewayContexts) {
  public MediaStreamView {
    if (index < 0) {
      throw new IllegalArgumentException("negative stream index: " + index);
    }
    Objects.requireNonNull(media, "media");
    Objects.requireNonNull(mode, "mode");
    gatewayContexts = List.copyOf(gatewayContexts);
  }
}
