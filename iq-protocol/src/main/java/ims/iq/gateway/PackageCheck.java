package ims.iq.gateway;

import ims.iq.message.AmmCommand;
import ims.iq.message.Descriptor;
import ims.iq.message.Events;
import ims.iq.message.LocalControl;
import ims.iq.message.Media;
import ims.iq.message.PropertyParm;
import ims.iq.message.RequestedEvent;
import ims.iq.message.Statistics;
import ims.iq.message.StatisticsParameter;
import ims.iq.message.Stream;
import ims.iq.message.StreamParms;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the first property, event or statistic of a package the gateway does not implement, so the
 * server answers 445 with its name (TS 29.334: unsupported optional elements get 445) before the
 * handler sees the command.
 */
final class PackageCheck {
  /**
   * The TS 29.334 mandatory packages our flows use, the H.248.1 base packages for statistics and
   * events, the optional {@code adid} (H.248.40 application data inactivity detection, event
   * {@code adid/ipstop}, which the media relay reports), and our SRTP statistics package.
   */
  static final Set<String> SUPPORTED = Set.of(
      "ipdc", "gm", "hangterm", "rtcph", "ds", "tman", "ipnapt", "it", "g", "root", "nt", "rtp", "srtps", "adid");

  private PackageCheck() {}

  /** The offending name, or empty when every name belongs to a supported package. */
  static Optional<String> firstUnsupported(AmmCommand command) {
    for (Descriptor d : command.descriptors()) {
      Optional<String> bad = switch (d) {
        case Media m -> inMedia(m);
        case Events e -> inEvents(e);
        case Statistics s -> inStatistics(s);
        case ims.iq.message.Signals s -> Optional.empty();
        case ims.iq.message.DigitMap dm -> Optional.empty();
        case ims.iq.message.Audit a -> Optional.empty();
        case ims.iq.message.ObservedEvents oe -> Optional.empty();
        case ims.iq.message.ErrorDescriptor er -> Optional.empty();
        case ims.iq.message.Packages p -> Optional.empty();
      };
      if (bad.isPresent()) return bad;
    }
    return Optional.empty();
  }

  private static Optional<String> inMedia(Media media) {
    if (media.terminationState().isPresent()) {
      var bad = inProperties(media.terminationState().get().properties());
      if (bad.isPresent()) return bad;
    }
    if (media.defaultStream().isPresent()) {
      var bad = inStream(media.defaultStream().get());
      if (bad.isPresent()) return bad;
    }
    for (Stream s : media.streams()) {
      var bad = inStream(s.parms());
      if (bad.isPresent()) return bad;
    }
    return Optional.empty();
  }

  private static Optional<String> inStream(StreamParms parms) {
    if (parms.localControl().isPresent()) {
      LocalControl lc = parms.localControl().get();
      var bad = inProperties(lc.properties());
      if (bad.isPresent()) return bad;
    }
    if (parms.statistics().isPresent()) return inStatistics(parms.statistics().get());
    return Optional.empty();
  }

  private static Optional<String> inProperties(List<PropertyParm> properties) {
    for (PropertyParm p : properties) {
      if (!supported(p.name())) return Optional.of(p.name());
    }
    return Optional.empty();
  }

  private static Optional<String> inEvents(Events events) {
    for (RequestedEvent e : events.events()) {
      if (!supported(e.name())) return Optional.of(e.name());
    }
    return Optional.empty();
  }

  private static Optional<String> inStatistics(Statistics statistics) {
    for (StatisticsParameter p : statistics.parameters()) {
      if (!supported(p.name())) return Optional.of(p.name());
    }
    return Optional.empty();
  }

  private static boolean supported(String name) {
    int slash = name.indexOf('/');
    if (slash <= 0) return false;
    return SUPPORTED.contains(name.substring(0, slash).toLowerCase(Locale.ROOT));
  }
}
