package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** {@code pkg/stat [= value | = [v1, v2]]}. */
public record StatisticsParameter(String name, List<Value> values) {
  public StatisticsParameter {
    Objects.requireNonNull(name, "name");
    if (name.length() > PropertyParm.MAX_NAME_LENGTH || !RequestedEvent.PKGD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a package/statistic name: " + name);
    }
    values = List.copyOf(values);
    if (values.size() > PropertyValue.MAX_VALUES) throw new IllegalArgumentException("too many values");
  }

  public static StatisticsParameter of(String name, long value) {
    return new StatisticsParameter(name, List.of(Value.of(value)));
  }

  /** A name without value, as in a request for statistics. */
  public static StatisticsParameter named(String name) {
    return new StatisticsParameter(name, List.of());
  }
}
