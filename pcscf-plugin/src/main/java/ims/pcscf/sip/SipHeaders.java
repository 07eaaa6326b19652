package ims.pcscf.sip;

import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.header.SIPHeader;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import java.util.Locale;
import java.util.Set;
import javax.sip.header.Header;
import javax.sip.header.HeaderFactory;
import javax.sip.header.OptionTag;
import javax.sip.message.Message;

/** Header access on JAIN-SIP messages as text, the one place that knows jain-sip's header classes. */
final class SipHeaders {
  private SipHeaders() {}

  /**
   * The values of every header with this name, in order, as text after the colon. jain-sip splits
   * comma lists into one header object per element, so a list value yields several entries.
   */
  static List<String> values(Message message, String name) {
    var values = new ArrayList<String>();
    ListIterator<?> it = message.getHeaders(name);
    while (it != null && it.hasNext()) {
      values.add(valueOf((Header) it.next()));
    }
    return values;
  }

  static String valueOf(Header header) {
    if (header instanceof SIPHeader sipHeader) {
      return sipHeader.getHeaderValue().strip();
    }
    String text = header.toString();
    int colon = text.indexOf(':');
    return (colon < 0 ? text : text.substring(colon + 1)).strip();
  }

  /**
   * Replaces every header with this name by one header carrying {@code value} verbatim. jain-sip
   * would re-parse and re-encode a typed header (emitting {@code tls; } for a parameter-less RFC
   * 3329 mechanism), so the value is carried as an extension header; the stack never reads these.
   */
  static void replaceVerbatim(Message message, String name, String value) {
    message.removeHeader(name);
    message.addHeader(verbatim(name, value));
  }

  static Header verbatim(String name, String value) {
    var header = new ExtensionHeaderImpl(name);
    header.setValue(value);
    return header;
  }

  /**
   * Removes option tags (case-insensitive) from an option-tag header ({@code Require},
   * {@code Proxy-Require}, {@code Supported}); the header disappears when nothing is left.
   *
   * @return true if something was removed
   */
  static boolean removeOptionTags(Message message, String name, Set<String> lowerCaseTags, HeaderFactory headers) {
    List<String> kept = new ArrayList<>();
    boolean removed = false;
    ListIterator<?> it = message.getHeaders(name);
    while (it != null && it.hasNext()) {
      Object header = it.next();
      String tag = header instanceof OptionTag optionTag ? optionTag.getOptionTag() : valueOf((Header) header);
      for (String element : tag.split(",")) {
        String t = element.strip();
        if (t.isEmpty()) {
          continue;
        }
        if (lowerCaseTags.contains(t.toLowerCase(Locale.ROOT))) {
          removed = true;
        } else {
          kept.add(t);
        }
      }
    }
    if (!removed) {
      return false;
    }
    message.removeHeader(name);
    for (String tag : kept) {
      message.addHeader(optionTagHeader(name, tag, headers));
    }
    return true;
  }

  /** The option tags of all headers with this name, in order. */
  static List<String> optionTags(Message message, String name) {
    var tags = new ArrayList<String>();
    ListIterator<?> it = message.getHeaders(name);
    while (it != null && it.hasNext()) {
      Object header = it.next();
      String tag = header instanceof OptionTag optionTag ? optionTag.getOptionTag() : valueOf((Header) header);
      for (String element : tag.split(",")) {
        if (!element.isBlank()) {
          tags.add(element.strip());
        }
      }
    }
    return tags;
  }

  private static Header optionTagHeader(String name, String tag, HeaderFactory headers) {
    try {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "require" -> headers.createRequireHeader(tag);
        case "proxy-require" -> headers.createProxyRequireHeader(tag);
        case "supported" -> headers.createSupportedHeader(tag);
        default -> verbatim(name, tag);
      };
    } catch (ParseException e) {
      return verbatim(name, tag); // keep what the sender wrote rather than drop it
    }
  }
}
