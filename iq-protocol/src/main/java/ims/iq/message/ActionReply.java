package ims.iq.message;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@code Context = id { replies [, Error{...}] }}: the outcome of one action request. */
public record ActionReply(ContextId contextId, ContextProperties properties, List<CommandReply> replies,
                          Optional<ErrorDescriptor> error) {
  public ActionReply {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(properties, "properties");
    Objects.requireNonNull(error, "error");
    replies = List.copyOf(replies);
    if (replies.isEmpty() && properties.isEmpty() && error.isEmpty()) throw new IllegalArgumentException("an empty action reply");
    if (replies.size() > ActionRequest.MAX_COMMANDS) throw new IllegalArgumentException("too many command replies");
  }

  public static ActionReply of(ContextId contextId, CommandReply... replies) {
    return new ActionReply(contextId, ContextProperties.NONE, List.of(replies), Optional.empty());
  }

  public static ActionReply error(ContextId contextId, ErrorDescriptor error) {
    return new ActionReply(contextId, ContextProperties.NONE, List.of(), Optional.of(error));
  }
}
