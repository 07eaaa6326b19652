package ims.pcscf.sip;

import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Locale;
import java.util.Optional;
import javax.sip.header.ContentTypeHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.message.Message;

/** Reads and replaces the {@code application/sdp} body of a jain-sip message. */
final class SdpBody {
  private SdpBody() {}

  /** The SDP body as text, if the message carries one. */
  static Optional<String> of(Message message) {
    ContentTypeHeader type = (ContentTypeHeader) message.getHeader(ContentTypeHeader.NAME);
    byte[] raw = message.getRawContent();
    if (type == null || raw == null || raw.length == 0
        || !"application".equalsIgnoreCase(type.getContentType())
        || !"sdp".equals(type.getContentSubType().toLowerCase(Locale.ROOT))) {
      return Optional.empty();
    }
    return Optional.of(new String(raw, StandardCharsets.UTF_8));
  }

  /** Replaces the body (Content-Length follows). */
  static void replace(Message message, String sdp, HeaderFactory headers) {
    try {
      message.setContent(sdp.getBytes(StandardCharsets.UTF_8), headers.createContentTypeHeader("application", "sdp"));
    } catch (ParseException e) {
      throw new IllegalStateException("application/sdp is a valid content type", e);
    }
  }
}
