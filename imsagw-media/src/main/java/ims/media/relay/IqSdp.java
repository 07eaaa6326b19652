package ims.media.relay;

import ims.iq.message.SdpText;
import ims.sdes.SdesParseException;
import ims.sdes.sdp.Connection;
import ims.sdes.sdp.MediaSection;
import ims.sdes.sdp.Sdp;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the gateway reads from the SDP of Iq Local and Remote descriptors, and the Local it answers with. Local
 * templates carry {@code $} where the gateway chooses (H.248.1 CHOOSE), which is not SDP, so they are read line by
 * line; Remote SDP is parsed with {@code ims.sdes}. Crypto values are handed on as text for
 * {@link SrtpParametersFromSdes}; they are never logged.
 */
final class IqSdp {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final String CRYPTO = "a=crypto:";

  private IqSdp() {
  }

  /** The parts of a Local descriptor the relay uses. */
  record Local(List<String> cryptoValues, boolean rtcpMux, boolean savp) {
  }

  /** The parts of a Remote descriptor the relay uses; an empty address means none yet (port 0, c=0.0.0.0). */
  record Remote(Optional<InetSocketAddress> rtp, Optional<InetSocketAddress> rtcp, boolean rtcpMux,
      List<String> cryptoValues, boolean savp) {
  }

  /** A Remote that could not be used, with a reason that names no key. */
  static final class BadSdp extends Exception {
    private static final long serialVersionUID = 1L;

    BadSdp(String reason) {
      super(reason, null, false, false);
    }
  }

  static Local readLocal(SdpText local) {
    char[] chars = local.copyChars();
    try {
      var crypto = new ArrayList<String>(1);
      boolean mux = false;
      boolean savp = false;
      for (String line : lines(chars)) {
        if (line.startsWith("m=") && line.contains("/SAVP")) {
          savp = true;
        }
        if (line.startsWith(CRYPTO)) {
          crypto.add(line.substring(CRYPTO.length()));
        } else if (line.equals("a=rtcp-mux")) {
          mux = true;
        }
      }
      return new Local(List.copyOf(crypto), mux, savp);
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /**
   * The Local template without its {@code a=crypto} lines (the controller chose that key; it need not travel back):
   * safe to keep after the descriptor is wiped, and filled in by {@link #fillLocal} once the port is known.
   */
  static String templateWithoutKeys(SdpText local) {
    char[] chars = local.copyChars();
    try {
      var out = new StringBuilder(chars.length);
      for (String line : linesWithEndings(chars)) {
        if (!line.startsWith(CRYPTO)) {
          out.append(line);
        }
      }
      return out.toString();
    } finally {
      Arrays.fill(chars, '\0');
    }
  }

  /** The Local answer: {@code $} in {@code c=} and in the first {@code m=} replaced by the address and port. */
  static SdpText fillLocal(String template, InetAddress address, int port) {
    var out = new StringBuilder(template.length() + 32);
    String addressType = address.getAddress().length == 4 ? "IP4" : "IP6";
    boolean portFilled = false;
    for (String line : linesWithEndings(template.toCharArray())) {
      if (line.startsWith("c=") && line.contains("$")) {
        out.append("c=IN ").append(addressType).append(' ').append(address.getHostAddress()).append(ending(line));
      } else if (!portFilled && line.startsWith("m=") && line.contains(" $ ")) {
        out.append(line.replaceFirst(" \\$ ", " " + port + " "));
        portFilled = true;
      } else {
        out.append(line);
      }
    }
    return SdpText.of(out);
  }

  static Remote readRemote(SdpText remote) throws BadSdp {
    Sdp sdp;
    try {
      sdp = Sdp.parse(remote.text());
    } catch (SdesParseException e) {
      throw new BadSdp("Remote SDP: " + e.getMessage());
    }
    if (sdp.mediaSections().isEmpty()) {
      throw new BadSdp("Remote SDP has no m= line");
    }
    MediaSection media = sdp.media(0);
    int port = media.description().port();
    Optional<InetAddress> address = sdp.connectionOf(0).map(Connection::address).flatMap(IqSdp::literal);
    Optional<InetSocketAddress> rtp = Optional.empty();
    Optional<InetSocketAddress> rtcp = Optional.empty();
    if (address.isPresent() && !address.get().isAnyLocalAddress() && port > 0) {
      rtp = Optional.of(new InetSocketAddress(address.get(), port));
      try {
        Optional<Integer> rtcpPort = media.rtcpPort();
        if (rtcpPort.isPresent()) {
          rtcp = Optional.of(new InetSocketAddress(address.get(), rtcpPort.get()));
        }
      } catch (SdesParseException e) {
        throw new BadSdp("Remote SDP a=rtcp: " + e.getMessage());
      }
    }
    return new Remote(rtp, rtcp, media.rtcpMux(), List.copyOf(media.cryptoValues()),
        media.description().proto().contains("/SAVP"));
  }

  /** A numeric address (never a name: the media plane does no DNS). */
  private static Optional<InetAddress> literal(String text) {
    if (!IPV4.matcher(text).matches() && text.indexOf(':') < 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }

  private static List<String> lines(char[] chars) {
    var out = new ArrayList<String>();
    for (String l : linesWithEndings(chars)) {
      out.add(l.substring(0, l.length() - ending(l).length()));
    }
    return out;
  }

  private static List<String> linesWithEndings(char[] chars) {
    var out = new ArrayList<String>();
    int start = 0;
    for (int i = 0; i < chars.length; i++) {
      if (chars[i] == '\n') {
        out.add(new String(chars, start, i + 1 - start));
        start = i + 1;
      }
    }
    if (start < chars.length) {
      out.add(new String(chars, start, chars.length - start));
    }
    return out;
  }

  private static String ending(String line) {
    if (line.endsWith("\r\n")) {
      return "\r\n";
    }
    return line.endsWith("\n") ? "\n" : "";
  }
}
