package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.Objects;

/**
 * An RFC 5939 section 3.4.1 attribute capability, {@code a=acap:<att-cap-num> <att-par>}; for SDES the
 * attribute is a crypto line without its {@code a=}, e.g. {@code a=acap:1 crypto:1 AES_CM_128_HMAC_SHA1_80 inline:...}.
 *
 * @param attribute the attribute as it would follow {@code a=} ({@code crypto:1 AES_CM_...})
 */
public record AttributeCapability(int number, String attribute) {

  public static final String ATTRIBUTE = "acap";

  public AttributeCapability {
    if (number < 1 || number > Capabilities.MAX_NUMBER) {
      throw new IllegalArgumentException("capability number out of range: " + number);
    }
    Objects.requireNonNull(attribute, "attribute");
    if (attribute.isEmpty()) {
      throw new IllegalArgumentException("attribute must not be empty");
    }
  }

  public static AttributeCapability parse(String value) {
    int sp = 0;
    while (sp < value.length() && value.charAt(sp) != ' ' && value.charAt(sp) != '\t') {
      sp++;
    }
    int number = Capabilities.parseNumber(value.substring(0, sp), "a=acap");
    String rest = value.substring(sp).strip();
    if (rest.isEmpty()) {
      throw new SdesParseException("a=acap needs an attribute after its number", -1);
    }
    return new AttributeCapability(number, rest);
  }

  /** The attribute's name ({@code crypto}). */
  public String attributeName() {
    int colon = attribute.indexOf(':');
    return colon < 0 ? attribute : attribute.substring(0, colon);
  }

  /** The attribute's value after its colon, {@code ""} for a property attribute. */
  public String attributeValue() {
    int colon = attribute.indexOf(':');
    return colon < 0 ? "" : attribute.substring(colon + 1);
  }

  @Override
  public String toString() {
    return "AttributeCapability[" + number + " " + SdpRedaction.redact("a=" + attribute).substring(2) + "]";
  }
}
