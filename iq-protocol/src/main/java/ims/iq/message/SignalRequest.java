package ims.iq.message;

import java.util.List;
import java.util.Objects;

/** One signal: {@code pkg/signal [{ parameters }]}. */
public record SignalRequest(String name, List<SignalParameter> parameters) {
  public SignalRequest {
    Objects.requireNonNull(name, "name");
    if (name.length() > PropertyParm.MAX_NAME_LENGTH || !RequestedEvent.PKGD_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("not a package/signal name: " + name);
    }
    parameters = List.copyOf(parameters);
    if (parameters.size() > RequestedEvent.MAX_PARAMETERS) throw new IllegalArgumentException("too many parameters");
  }

  public static SignalRequest of(String name, SignalParameter... parameters) {
    return new SignalRequest(name, List.of(parameters));
  }
}
