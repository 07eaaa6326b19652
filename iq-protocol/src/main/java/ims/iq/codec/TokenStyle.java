package ims.iq.codec;

/** Which token forms and layout the encoder writes. Decoding accepts both. */
public enum TokenStyle {
  /** Long tokens ({@code Transaction}, {@code Context}, ...), one descriptor per line, indented. The default. */
  PRETTY,
  /** Short tokens ({@code T}, {@code C}, ...) and no optional white space: smallest messages. */
  COMPACT
}
