package ims.sdes.sdp;

/** Replaces what can carry key material in an SDP line with a marker, for toString and logs. */
final class SdpRedaction {
  private SdpRedaction() {}

  static final String MARK = "<redacted>";

  static String redact(String lineText) {
    if (lineText.startsWith("k=")) {
      return "k=" + MARK;
    }
    if (!lineText.startsWith("a=")) {
      return lineText;
    }
    if (lineText.startsWith("a=key-mgmt")) {
      return "a=key-mgmt:" + MARK;
    }
    int inline = lineText.indexOf("inline:");
    if (inline >= 0) {
      return lineText.substring(0, inline) + "inline:" + MARK;
    }
    return lineText;
  }
}
