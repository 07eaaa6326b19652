package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A package property or parameter: {@code pkg/name = value} (or {@code >}, {@code <}, {@code #}). Unknown packages and
 * properties decode into this generic form, so the gateway can answer 445/449 instead of failing the message. Event and
 * signal parameters without a package ({@code timerx = 60}) use the same type.
 */
public record PropertyParm(String name, Relation relation, PropertyValue value)
    implements EventParameter, SignalParameter {
  public static final int MAX_NAME_LENGTH = 128;
  /** {@code pkgdName} or a plain parameter NAME; '*' wildcards are allowed in the package and item parts. */
  private static final Pattern NAME = Pattern.compile("(\\*|[A-Za-z][A-Za-z0-9_]*)(/(\\*|[A-Za-z0-9_][A-Za-z0-9_]*))?");

  public PropertyParm {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(relation, "relation");
    Objects.requireNonNull(value, "value");
    if (name.length() > MAX_NAME_LENGTH || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a property name: " + name);
    }
    if (relation != Relation.EQUAL && !(value instanceof PropertyValue.Single)) {
      throw new IllegalArgumentException("only '=' takes a list, range or sublist");
    }
  }

  /** {@code name = value}, quoting the value only when it is not a token. */
  public static PropertyParm of(String name, String value) {
    return new PropertyParm(name, Relation.EQUAL, new PropertyValue.Single(Value.of(value)));
  }

  public static PropertyParm of(String name, long value) {
    return new PropertyParm(name, Relation.EQUAL, new PropertyValue.Single(Value.of(value)));
  }

  /** {@code name = "value"}. */
  public static PropertyParm quoted(String name, String value) {
    return new PropertyParm(name, Relation.EQUAL, new PropertyValue.Single(Value.quoted(value)));
  }

  /** The package part of {@code pkg/name}, or empty for a plain parameter name. */
  public Optional<String> packageName() {
    int slash = name.indexOf('/');
    return slash < 0 ? Optional.empty() : Optional.of(name.substring(0, slash));
  }

  /** The single value, if the parameter has one. */
  public Optional<Value> single() {
    return value instanceof PropertyValue.Single s ? Optional.of(s.value()) : Optional.empty();
  }

  static Optional<PropertyParm> find(List<PropertyParm> properties, String name) {
    for (PropertyParm p : properties) {
      if (p.name.equalsIgnoreCase(name)) return Optional.of(p);
    }
    return Optional.empty();
  }
}
