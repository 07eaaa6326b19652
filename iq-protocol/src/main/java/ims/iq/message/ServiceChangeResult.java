package ims.iq.message;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Services descriptor of a ServiceChange reply (H.248.1 {@code serviceChangeReplyDescriptor}): the version the
 * controller accepts (version negotiation, H.248.1 11.3), or another controller to try.
 */
public record ServiceChangeResult(Optional<ServiceChangeAddress> address, Optional<MId> mgcIdToTry,
                                  Optional<ServiceChangeProfile> profile, OptionalInt version,
                                  Optional<TimeStamp> timeStamp) {
  public ServiceChangeResult {
    Objects.requireNonNull(address, "address");
    Objects.requireNonNull(mgcIdToTry, "mgcIdToTry");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(timeStamp, "timeStamp");
    if (address.isEmpty() && mgcIdToTry.isEmpty() && profile.isEmpty() && version.isEmpty() && timeStamp.isEmpty()) {
      throw new IllegalArgumentException("an empty Services descriptor");
    }
    if (version.isPresent() && (version.getAsInt() < 1 || version.getAsInt() > Message.MAX_VERSION)) {
      throw new IllegalArgumentException("version out of range");
    }
  }

  public static ServiceChangeResult version(int version) {
    return new ServiceChangeResult(Optional.empty(), Optional.empty(), Optional.empty(), OptionalInt.of(version),
        Optional.empty());
  }
}
