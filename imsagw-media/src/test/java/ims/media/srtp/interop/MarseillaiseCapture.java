package ims.media.srtp.interop;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/** The public Marseillaise SRTP capture (see src/test/resources/interop/README.md) and its published key. */
final class MarseillaiseCapture {

  static final Path FILE = resource("/interop/marseillaise-srtp.pcap");
  static final int SSRC = 0xdeadbeef;
  static final int PACKETS = 11_888;
  static final String SUITE = "AES_CM_128_HMAC_SHA1_80";
  /** The SDES inline key-params of the capture's README; a published test key. */
  static final String INLINE = "aSBrbm93IGFsbCB5b3VyIGxpdHRsZSBzZWNyZXRz";

  private MarseillaiseCapture() {}

  /** Master key (16 bytes) || master salt (14 bytes), decoded from the inline key-params. */
  static byte[] keyAndSalt() {
    return Base64.getDecoder().decode(INLINE);
  }

  /** The SRTP packets, in capture order. */
  static List<byte[]> srtpPackets() {
    try {
      return ClassicPcap.read(FILE).datagrams().stream().map(ClassicPcap.UdpDatagram::payload).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path resource(String name) {
    URL url = MarseillaiseCapture.class.getResource(name);
    if (url == null) throw new IllegalStateException("missing test resource " + name);
    try {
      return Path.of(url.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
