package ims.iq.message;

import java.util.ArrayList;
import java.util.List;

/** Finds every SDP block of a message, for {@link Message#close()}. */
final class SdpBlocks {
  private SdpBlocks() {
  }

  static List<SdpText> of(Message message) {
    var out = new ArrayList<SdpText>();
    for (Transaction t : message.transactions()) {
      switch (t) {
        case TransactionRequest r -> {
          for (ActionRequest a : r.actions()) {
            for (CommandRequest c : a.commands()) {
              if (c.command() instanceof AmmCommand amm) addAll(amm.descriptors(), out);
            }
          }
        }
        case TransactionReply r -> {
          for (ActionReply a : r.actions()) {
            for (CommandReply c : a.replies()) {
              if (c instanceof AuditReturn ar) addAll(ar.descriptors(), out);
            }
          }
        }
        case TransactionPending p -> { }
        case TransactionResponseAck k -> { }
      }
    }
    return out;
  }

  private static void addAll(List<Descriptor> descriptors, List<SdpText> out) {
    for (Descriptor d : descriptors) {
      if (!(d instanceof Media media)) continue;
      media.defaultStream().ifPresent(s -> add(s, out));
      for (Stream s : media.streams()) add(s.parms(), out);
    }
  }

  private static void add(StreamParms parms, List<SdpText> out) {
    parms.local().ifPresent(out::add);
    parms.remote().ifPresent(out::add);
  }
}
