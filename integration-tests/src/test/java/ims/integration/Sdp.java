package ims.integration;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The SDP facts a test checks on the wire: media address and port, profile, crypto lines. */
final class Sdp {
  private static final Pattern CRYPTO = Pattern.compile("(?m)^a=crypto:.*$");
  private static final Pattern MEDIA = Pattern.compile("(?m)^m=audio (\\d+) (\\S+)");
  private static final Pattern CONNECTION = Pattern.compile("(?m)^c=IN IP4 (\\S+)");
  private static final Pattern INLINE = Pattern.compile("inline:([A-Za-z0-9+/=]+)");

  private Sdp() {}

  static List<String> cryptoLines(String sdp) {
    return CRYPTO.matcher(sdp).results().map(MatchResult::group).map(String::strip).toList();
  }

  static int audioPort(String sdp) {
    return Integer.parseInt(group(MEDIA, sdp, 1));
  }

  static String audioProfile(String sdp) {
    return group(MEDIA, sdp, 2);
  }

  /** The last {@code c=} line's address (a media-level line follows the session-level one and wins). */
  static String connectionAddress(String sdp) {
    Matcher m = CONNECTION.matcher(sdp);
    String last = null;
    while (m.find()) {
      last = m.group(1);
    }
    if (last == null) {
      throw new AssertionError("no c= line in SDP");
    }
    return last;
  }

  /** The base64 key||salt of an {@code a=crypto} line. */
  static String inlineKey(String cryptoLine) {
    return group(INLINE, cryptoLine, 1);
  }

  /** The tag of an {@code a=crypto:<tag> ...} line. */
  static int cryptoTag(String cryptoLine) {
    return Integer.parseInt(cryptoLine.substring("a=crypto:".length(), cryptoLine.indexOf(' ')));
  }

  static String cryptoSuite(String cryptoLine) {
    return cryptoLine.split(" ")[1];
  }

  private static String group(Pattern p, String text, int group) {
    Matcher m = p.matcher(text);
    if (!m.find()) {
      throw new AssertionError("no match for " + p + " in SDP");
    }
    return m.group(group);
  }
}
