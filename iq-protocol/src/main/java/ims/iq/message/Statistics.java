package ims.iq.message;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code Statistics { nt/os = 62345, rtp/pl = 3, ... }}. In a request the names may come without values (which
 * statistics to collect). Names used by Iq: {@code nt/os}, {@code nt/or}, {@code nt/dur} (H.248.1 Annex E.9),
 * {@code rtp/ps}, {@code rtp/pr}, {@code rtp/pl}, {@code rtp/jit}, {@code rtp/delay} (E.12) and the SRTP counters of
 * {@link SrtpStatistics}.
 */
public record Statistics(List<StatisticsParameter> parameters) implements Descriptor {
  public static final int MAX_PARAMETERS = 64;

  public Statistics {
    parameters = List.copyOf(parameters);
    if (parameters.isEmpty()) throw new IllegalArgumentException("at least one statistic");
    if (parameters.size() > MAX_PARAMETERS) throw new IllegalArgumentException("too many statistics");
  }

  public static Statistics of(StatisticsParameter... parameters) {
    return new Statistics(List.of(parameters));
  }

  public Optional<StatisticsParameter> parameter(String name) {
    for (StatisticsParameter p : parameters) {
      if (p.name().equalsIgnoreCase(name)) return Optional.of(p);
    }
    return Optional.empty();
  }

  /** The numeric value of a counter, if present and a single number. */
  public OptionalLong counter(String name) {
    var p = parameter(name);
    if (p.isEmpty() || p.get().values().size() != 1) return OptionalLong.empty();
    return p.get().values().get(0).asLong();
  }
}
