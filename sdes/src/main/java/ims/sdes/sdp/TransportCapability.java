package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * One transport protocol capability of RFC 5939 section 3.4.2. A line {@code a=tcap:1 RTP/SAVP RTP/SAVPF}
 * defines two capabilities, number 1 (RTP/SAVP) and number 2 (RTP/SAVPF).
 */
public record TransportCapability(int number, String protocol) {

  public static final String ATTRIBUTE = "tcap";

  public TransportCapability {
    if (number < 1 || number > Capabilities.MAX_NUMBER) {
      throw new IllegalArgumentException("capability number out of range: " + number);
    }
    MediaDescription.requireField(protocol, "protocol");
  }

  /** The capabilities of one {@code a=tcap} value, {@code <trpr-cap-num> 1*(WSP <proto>)}. */
  public static List<TransportCapability> parse(String value) {
    String[] parts = value.strip().split("[ \t]+");
    if (parts.length < 2) {
      throw new SdesParseException("a=tcap needs a number and at least one protocol", -1);
    }
    int first = Capabilities.parseNumber(parts[0], "a=tcap");
    if (first + parts.length - 2 > Capabilities.MAX_NUMBER) {
      throw new SdesParseException("a=tcap capability number out of range", -1);
    }
    List<TransportCapability> caps = new ArrayList<>(parts.length - 1);
    for (int i = 1; i < parts.length; i++) {
      caps.add(new TransportCapability(first + i - 1, parts[i]));
    }
    return caps;
  }
}
