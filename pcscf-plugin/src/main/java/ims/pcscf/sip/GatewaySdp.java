package ims.pcscf.sip;

import ims.sdes.attribute.CryptoAttribute;
import ims.sdes.e2ae.MediaAnchor;
import ims.sdes.e2ae.Transport;
import ims.sdes.sdp.Connection;
import ims.sdes.sdp.MediaDescription;
import java.util.Optional;

/**
 * The SDP the P-CSCF puts in Iq Local/Remote descriptors for one e2ae stream (TS 29.334, design.md
 * section 5): access termination {@code RTP/SAVP(F)} with {@code a=crypto} (Remote: the UE's key,
 * Local: the key toward the UE), core termination {@code RTP/AVP(F)} without crypto; {@code $} where
 * the gateway chooses. Pure functions. Texts with keys go straight into a wipeable Iq {@code SdpText}.
 */
final class GatewaySdp {
  private GatewaySdp() {}

  /** Local template of a termination: the gateway fills address and port. */
  static String template(MediaDescription d, String proto, String addressType) {
    return "v=0\r\nc=IN " + addressType + " $\r\nm=" + d.media() + " $ " + proto + " " + String.join(" ", d.formats())
        + "\r\n";
  }

  /** A termination's SDP at a known address, with an optional crypto line (keys: never log the result). */
  static String at(Connection c, int port, MediaDescription d, String proto, Optional<CryptoAttribute> crypto) {
    var out = new StringBuilder(256)
        .append("v=0\r\n").append(c.lineText()).append("\r\nm=").append(d.media()).append(' ').append(port)
        .append(' ').append(proto).append(' ').append(String.join(" ", d.formats())).append("\r\n");
    crypto.ifPresent(k -> out.append("a=crypto:").append(k.format()).append("\r\n"));
    return out.toString();
  }

  static String at(Transport t, MediaDescription d, String proto, Optional<CryptoAttribute> crypto) {
    return at(t.connection(), t.port(), d, proto, crypto);
  }

  static String at(MediaAnchor a, MediaDescription d, String proto, Optional<CryptoAttribute> crypto) {
    return at(a.connection(), a.port(), d, proto, crypto);
  }

  /** The address and port the gateway filled into a Local descriptor; empty if it has none. */
  static Optional<MediaAnchor> anchorOf(String local) {
    String address = null;
    int port = -1;
    for (String line : local.split("\r?\n")) {
      if (line.startsWith("c=")) {
        String[] parts = line.substring(2).trim().split("\\s+");
        if (parts.length == 3 && !parts[2].equals("$")) {
          address = parts[2];
        }
      } else if (line.startsWith("m=") && port < 0) {
        String[] parts = line.substring(2).trim().split("\\s+");
        if (parts.length >= 2 && parts[1].matches("\\d{1,5}")) {
          port = Integer.parseInt(parts[1]);
        }
      }
    }
    if (address == null || port < 1 || port > 65_534) {
      return Optional.empty();
    }
    return Optional.of(new MediaAnchor(Connection.internet(address), port, port + 1));
  }
}
