package ims.iq.transport;

import ims.iq.transport.TransactionFraming.Decoded;
import ims.iq.transport.TransactionPart.IdRange;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A line-based stand-in codec so the transaction layer is tested apart from H.248 text:
 * {@code REQ <id> <body>}, {@code REP <id> <0|1> <body>}, {@code PEN <id>}, {@code ACK <a>-<b>[,<a>-<b>]},
 * one part per line; {@code MERR <code>} is a message-level error.
 */
final class StubFraming implements TransactionFraming<String, String> {

  @Override
  public Decoded<String, String> decode(byte[] message) {
    String text = new String(message, StandardCharsets.ISO_8859_1);
    if (text.startsWith("MERR ")) return new Decoded.Undecodable<>("peer error", OptionalLong.empty(), true);
    List<TransactionPart<String, String>> parts = new ArrayList<>();
    OptionalLong lastId = OptionalLong.empty();
    try {
      for (String line : text.split("\n", -1)) {
        String[] f = line.split(" ", 4);
        switch (f[0]) {
          case "REQ" -> {
            long id = Long.parseLong(f[1]);
            lastId = OptionalLong.of(id);
            if (f.length != 3 || f[2].isEmpty()) {
              return new Decoded.Undecodable<>("bad request", lastId, false);
            }
            parts.add(new TransactionPart.Request<>(id, f[2]));
          }
          case "REP" -> parts.add(new TransactionPart.Reply<>(Long.parseLong(f[1]), f[2].equals("1"),
              f[3]));
          case "PEN" -> parts.add(new TransactionPart.Pending<>(Long.parseLong(f[1])));
          case "ACK" -> {
            List<IdRange> ranges = new ArrayList<>();
            for (String r : f[1].split(",")) {
              String[] ab = r.split("-");
              ranges.add(new IdRange(Long.parseLong(ab[0]), Long.parseLong(ab[1])));
            }
            parts.add(new TransactionPart.ResponseAck<>(ranges));
          }
          default -> {
            return new Decoded.Undecodable<>("unknown part", OptionalLong.empty(), false);
          }
        }
      }
    } catch (RuntimeException e) {
      return new Decoded.Undecodable<>("malformed", OptionalLong.empty(), false);
    }
    return new Decoded.Parts<>(parts);
  }

  @Override
  public byte[] encode(List<TransactionPart<String, String>> parts) {
    List<String> lines = new ArrayList<>();
    for (TransactionPart<String, String> part : parts) {
      lines.add(switch (part) {
        case TransactionPart.Request<String, String> r -> "REQ " + r.transactionId() + " " + r.body();
        case TransactionPart.Reply<String, String> r ->
            "REP " + r.transactionId() + " " + (r.immediateAckRequired() ? "1" : "0") + " " + r.body();
        case TransactionPart.Pending<String, String> p -> "PEN " + p.transactionId();
        case TransactionPart.ResponseAck<String, String> a -> "ACK " + String.join(",",
            a.ranges().stream().map(x -> x.first() + "-" + x.last()).toList());
      });
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  @Override
  public String errorReply(int code, String text) {
    return "ERROR " + code + " " + text;
  }

  @Override
  public byte[] messageError(int code, String text) {
    return ("MERR " + code + " " + text).getBytes(StandardCharsets.ISO_8859_1);
  }
}
