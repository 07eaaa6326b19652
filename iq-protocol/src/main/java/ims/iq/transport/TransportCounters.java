package ims.iq.transport;

import java.util.concurrent.atomic.LongAdder;

/** Control-plane counters, written on the transport's thread and read from anywhere. */
final class TransportCounters {
  final LongAdder received = new LongAdder();
  final LongAdder droppedNotAllowed = new LongAdder();
  final LongAdder droppedOversize = new LongAdder();
  final LongAdder listenerFailures = new LongAdder();
  final LongAdder sent = new LongAdder();
  final LongAdder sendFailures = new LongAdder();

  TransportStats snapshot() {
    return new TransportStats(received.sum(), droppedNotAllowed.sum(), droppedOversize.sum(),
        listenerFailures.sum(), sent.sum(), sendFailures.sum());
  }
}
