package ims.sdes.sdp;

/**
 * Caps on an SDP body, so that a hostile peer cannot make the proxy spend unbounded memory or time.
 * The defaults are far above any VoLTE/IMS offer (a typical one is 1 KB, 30 lines, 2 media sections).
 *
 * @param maxBytes total characters of the body
 * @param maxLines lines in the body
 * @param maxLineLength characters of one line, without its ending
 * @param maxMediaSections {@code m=} sections
 * @param maxAttributesPerSection {@code a=} lines at session level or within one media section
 */
public record SdpLimits(
    int maxBytes, int maxLines, int maxLineLength, int maxMediaSections, int maxAttributesPerSection) {

  public static final SdpLimits DEFAULT = new SdpLimits(65_536, 1_024, 4_096, 32, 256);

  public SdpLimits {
    if (maxBytes < 1 || maxLines < 1 || maxLineLength < 2 || maxMediaSections < 0 || maxAttributesPerSection < 0) {
      throw new IllegalArgumentException("limits must be positive");
    }
  }
}
