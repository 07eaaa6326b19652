package ims.iq.message;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code Media { [TerminationState{...},] [stream parameters | Stream = n {...}, ...] }}. Stream parameters written
 * directly inside Media (no Stream = n) apply to the single stream of the termination ({@code defaultStream}).
 */
public record Media(Optional<TerminationState> terminationState, Optional<StreamParms> defaultStream,
                    List<Stream> streams) implements Descriptor {
  public static final int MAX_STREAMS = 16;

  public Media {
    Objects.requireNonNull(terminationState, "terminationState");
    Objects.requireNonNull(defaultStream, "defaultStream");
    streams = List.copyOf(streams);
    if (terminationState.isEmpty() && defaultStream.isEmpty() && streams.isEmpty()) {
      throw new IllegalArgumentException("an empty Media descriptor");
    }
    if (defaultStream.isPresent() && !streams.isEmpty()) {
      throw new IllegalArgumentException("stream parameters both inside and outside Stream descriptors");
    }
    if (streams.size() > MAX_STREAMS) throw new IllegalArgumentException("too many streams");
    var ids = new HashSet<Integer>();
    for (Stream s : streams) {
      if (!ids.add(s.id())) throw new IllegalArgumentException("stream " + s.id() + " appears twice");
    }
  }

  /** Media with a termination state and numbered streams. */
  public static Media of(TerminationState state, Stream... streams) {
    return new Media(Optional.of(state), Optional.empty(), List.of(streams));
  }

  /** Media with numbered streams only. */
  public static Media of(Stream... streams) {
    return new Media(Optional.empty(), Optional.empty(), List.of(streams));
  }

  /** The parameters of stream {@code id}; stream 1 also matches the default (un-numbered) stream. */
  public Optional<StreamParms> stream(int id) {
    for (Stream s : streams) {
      if (s.id() == id) return Optional.of(s.parms());
    }
    return id == 1 ? defaultStream : Optional.empty();
  }
}
