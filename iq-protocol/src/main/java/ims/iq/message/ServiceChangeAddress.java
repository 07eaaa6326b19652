package ims.iq.message;

import java.util.Objects;

/** {@code ServiceChangeAddress = mId | port}: where the sender wants to be reached from now on. */
public sealed interface ServiceChangeAddress {
  record Port(int port) implements ServiceChangeAddress {
    public Port {
      if (port < 0 || port > MId.MAX_PORT) throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  record Address(MId mId) implements ServiceChangeAddress {
    public Address {
      Objects.requireNonNull(mId, "mId");
    }
  }
}
