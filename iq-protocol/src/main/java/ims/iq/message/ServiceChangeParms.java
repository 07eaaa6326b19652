package ims.iq.message;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * The Services descriptor of a ServiceChange request (H.248.1 {@code serviceChangeDescriptor}). The reason is the
 * quoted text, conventionally a code and a phrase ({@code "901 Cold Boot"}).
 */
public record ServiceChangeParms(ServiceChangeMethod method, Optional<String> reason, OptionalLong delay,
                                 Optional<ServiceChangeAddress> address, Optional<ServiceChangeProfile> profile,
                                 OptionalInt version, Optional<MId> mgcIdToTry, Optional<TimeStamp> timeStamp,
                                 boolean incomplete) {
  public ServiceChangeParms {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(delay, "delay");
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(mgcIdToTry, "mgcIdToTry");
    Objects.requireNonNull(timeStamp, "timeStamp");
    if (reason.isPresent() && (reason.get().indexOf('"') >= 0 || reason.get().length() > Value.MAX_LENGTH)) {
      throw new IllegalArgumentException("a reason cannot contain '\"'");
    }
    if (delay.isPresent() && (delay.getAsLong() < 0 || delay.getAsLong() > Transaction.MAX_ID)) {
      throw new IllegalArgumentException("delay out of range");
    }
    if (version.isPresent() && (version.getAsInt() < 1 || version.getAsInt() > Message.MAX_VERSION)) {
      throw new IllegalArgumentException("version out of range");
    }
  }

  /** Only a method and a reason. */
  public static ServiceChangeParms of(ServiceChangeMethod method, String reason) {
    return new ServiceChangeParms(method, Optional.of(reason), OptionalLong.empty(), Optional.empty(),
        Optional.empty(), OptionalInt.empty(), Optional.empty(), Optional.empty(), false);
  }

  public ServiceChangeParms withVersion(int newVersion) {
    return new ServiceChangeParms(method, reason, delay, address, profile, OptionalInt.of(newVersion), mgcIdToTry,
        timeStamp, incomplete);
  }

  public ServiceChangeParms withProfile(ServiceChangeProfile newProfile) {
    return new ServiceChangeParms(method, reason, delay, address, Optional.of(newProfile), version, mgcIdToTry,
        timeStamp, incomplete);
  }

  public ServiceChangeParms withDelay(long newDelay) {
    return new ServiceChangeParms(method, reason, OptionalLong.of(newDelay), address, profile, version, mgcIdToTry,
        timeStamp, incomplete);
  }

  public ServiceChangeParms withAddress(ServiceChangeAddress newAddress) {
    return new ServiceChangeParms(method, reason, delay, Optional.of(newAddress), profile, version, mgcIdToTry,
        timeStamp, incomplete);
  }

  public ServiceChangeParms withMgcIdToTry(MId mgc) {
    return new ServiceChangeParms(method, reason, delay, address, profile, version, Optional.of(mgc), timeStamp,
        incomplete);
  }

  public ServiceChangeParms withTimeStamp(TimeStamp stamp) {
    return new ServiceChangeParms(method, reason, delay, address, profile, version, mgcIdToTry, Optional.of(stamp),
        incomplete);
  }
}
