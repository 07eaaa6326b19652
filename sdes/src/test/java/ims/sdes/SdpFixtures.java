package ims.sdes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * SDP bodies the tests of several packages share, stored as test resources with LF line ends (readable in
 * diffs); {@link #crlf} turns them into the CRLF bodies SIP carries, {@link #lf} keeps them as they are.
 */
public final class SdpFixtures {
  private SdpFixtures() {}

  /** RFC 5939 section 4.3 offer: MIKEY as a session-level capability, SDES per stream, transport capabilities. */
  public static final String RFC5939_4_3_OFFER = crlf("/ims/sdes/rfc5939-4.3-offer.sdp");

  /** The resource at {@code path} (absolute on the test class path) as it is stored. */
  public static String lf(String path) {
    try (InputStream in = SdpFixtures.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The resource at {@code path} with CRLF line ends. */
  public static String crlf(String path) {
    return lf(path).replace("\n", "\r\n");
  }
}
