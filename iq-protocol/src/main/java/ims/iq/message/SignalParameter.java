package ims.iq.message;

import java.util.List;

/** A parameter of a signal request (H.248.1 Annex B {@code sigParameter}). */
public sealed interface SignalParameter permits PropertyParm, SignalParameter.StreamId, SignalParameter.Type,
    SignalParameter.Duration, SignalParameter.NotifyCompletion, SignalParameter.KeepActive {

  /** {@code Stream = id}. */
  record StreamId(int id) implements SignalParameter {
    public StreamId {
      if (id < 0 || id > Stream.MAX_ID) throw new IllegalArgumentException("stream id out of range: " + id);
    }
  }

  /** {@code SignalType = OnOff | TimeOut | Brief}. */
  record Type(SignalType type) implements SignalParameter {
    public Type {
      java.util.Objects.requireNonNull(type, "type");
    }
  }

  /** {@code Duration = n} (UINT16, in units of 10 ms). */
  record Duration(int value) implements SignalParameter {
    public Duration {
      if (value < 0 || value > 65_535) throw new IllegalArgumentException("duration out of range: " + value);
    }
  }

  /** {@code NotifyCompletion { reasons }}. */
  record NotifyCompletion(List<NotifyReason> reasons) implements SignalParameter {
    public NotifyCompletion {
      reasons = List.copyOf(reasons);
      if (reasons.isEmpty()) throw new IllegalArgumentException("at least one reason");
    }
  }

  /** {@code KeepActive}. */
  record KeepActive() implements SignalParameter {
  }

  enum SignalType { ON_OFF, TIME_OUT, BRIEF }

  enum NotifyReason { TIME_OUT, INTERRUPTED_BY_EVENT, INTERRUPTED_BY_NEW_SIGNALS, OTHER_REASON, ITERATION }
}
