package ims.iq.message;

import java.util.Objects;

/** {@code Stream = id { parameters }}; the id is a UINT16. */
public record Stream(int id, StreamParms parms) {
  public static final int MAX_ID = 65_535;

  public Stream {
    if (id < 0 || id > MAX_ID) throw new IllegalArgumentException("stream id out of range: " + id);
    Objects.requireNonNull(parms, "parms");
  }
}
