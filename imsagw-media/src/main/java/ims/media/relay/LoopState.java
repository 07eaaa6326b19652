package ims.media.relay;

import io.netty.channel.EventLoop;

/**
 * What the terminations of one event loop share: the loop's relay-wide counters, its event sweep, the packet scratch
 * array (packets of a loop are handled one at a time) and the drop-log budget. Made once per loop at start.
 */
final class LoopState {
  final RelayCounters counters;
  final EventSweep sweep;
  final byte[] scratch;
  final DropLog dropLog = new DropLog();

  LoopState(EventLoop loop, int realms, int receiveBufferSize) {
    this.counters = new RelayCounters(realms);
    this.sweep = new EventSweep(loop);
    this.scratch = new byte[receiveBufferSize + Termination.SCRATCH_ROOM];
  }
}
