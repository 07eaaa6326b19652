package ims.iq.codec;

/**
 * Bounds on what the decoder accepts from the wire; exceeding one is an {@link IqDecodeException}, never an
 * unbounded allocation or deep recursion.
 *
 * @param maxMessageLength octets in one message (UDP datagrams are below 65,507)
 * @param maxDepth         nesting of braces
 * @param maxListItems     items in any one list (transactions, actions, commands, descriptors, parameters)
 */
public record DecodeLimits(int maxMessageLength, int maxDepth, int maxListItems) {
  public static final DecodeLimits DEFAULT = new DecodeLimits(65_535, 24, 256);

  public DecodeLimits {
    if (maxMessageLength < 16) throw new IllegalArgumentException("maxMessageLength < 16");
    if (maxDepth < 8) throw new IllegalArgumentException("maxDepth < 8");
    if (maxListItems < 1) throw new IllegalArgumentException("maxListItems < 1");
  }
}
