package ims.media.relay;

import java.util.List;

/** One Iq context and its terminations (see {@link TerminationView}); key-free. */
public record ContextView(long contextId, List<TerminationView> terminations) {
  public ContextView {
    terminations = List.copyOf(terminations);
  }
}
