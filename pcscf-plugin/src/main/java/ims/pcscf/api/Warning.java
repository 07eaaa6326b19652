package ims.pcscf.api;

import java.util.Objects;

/**
 * An RFC 3261 (20.43) {@code Warning} for a response: code and text; the host adds its own agent name
 * ({@link #headerValue}). Texts never carry key material.
 */
public record Warning(int code, String text) {
  public Warning {
    if (code < 300 || code > 399) {
      throw new IllegalArgumentException("warn-code outside 300..399: " + code);
    }
    Objects.requireNonNull(text, "text");
  }

  /** {@code code agent "text"} with quotes and backslashes in the text escaped. */
  public String headerValue(String agent) {
    return code + " " + agent + " \"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
