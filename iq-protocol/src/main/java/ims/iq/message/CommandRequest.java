package ims.iq.message;

import java.util.Objects;

/**
 * A command in an action with its modifiers: {@code O-} (optional: a failure does not stop the action) and {@code W-}
 * (wildcard response: one reply for all matching terminations).
 */
public record CommandRequest(Command command, boolean optional, boolean wildcardReturn) {
  public CommandRequest {
    Objects.requireNonNull(command, "command");
  }

  public static CommandRequest of(Command command) {
    return new CommandRequest(command, false, false);
  }
}
