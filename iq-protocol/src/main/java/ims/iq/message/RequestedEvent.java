package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** One event in an Events descriptor: {@code pkg/event [{ parameters }]}. */
public record RequestedEvent(String name, List<EventParameter> parameters) {
  public static final int MAX_PARAMETERS = 32;
  static final Pattern PKGD_NAME = Pattern.compile("(\\*|[A-Za-z][A-Za-z0-9_]*)/(\\*|[A-Za-z0-9_][A-Za-z0-9_]*)");

  public RequestedEvent {
    Objects.requireNonNull(name, "name");
    if (name.length() > PropertyParm.MAX_NAME_LENGTH || !PKGD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a package/event name: " + name);
    }
    parameters = List.copyOf(parameters);
    if (parameters.size() > MAX_PARAMETERS) throw new IllegalArgumentException("too many parameters");
  }

  public static RequestedEvent of(String name, EventParameter... parameters) {
    return new RequestedEvent(name, List.of(parameters));
  }
}
