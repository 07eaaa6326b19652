package ims.iq.message;

import java.util.List;

/** {@code Audit { items }}; {@code Audit { }} asks for nothing (the ROOT link check, a Subtract without statistics). */
public record Audit(List<AuditItem> items) implements Descriptor {
  public static final Audit EMPTY = new Audit(List.of());

  public Audit {
    items = List.copyOf(items);
    if (items.size() > AuditItem.values().length) throw new IllegalArgumentException("too many audit items");
    if (items.stream().distinct().count() != items.size()) throw new IllegalArgumentException("duplicate audit items");
  }

  public static Audit of(AuditItem... items) {
    return new Audit(List.of(items));
  }

  /** The descriptors an Audit can ask for (H.248.1 {@code auditItem}). */
  public enum AuditItem { MEDIA, EVENTS, SIGNALS, STATISTICS, OBSERVED_EVENTS, PACKAGES, DIGIT_MAP, EVENT_BUFFER, MUX, MODEM }
}
