package ims.iq.message;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** {@code Context = id { [properties,] commands }}: commands applied to one context. */
public record ActionRequest(ContextId contextId, ContextProperties properties, List<CommandRequest> commands) {
  public static final int MAX_COMMANDS = 64;

  public ActionRequest {
    Objects.requireNonNull(contextId, "contextId");
    Objects.requireNonNull(properties, "properties");
    commands = List.copyOf(commands);
    if (commands.isEmpty() && properties.isEmpty()) throw new IllegalArgumentException("an empty action");
    if (commands.size() > MAX_COMMANDS) throw new IllegalArgumentException("too many commands");
  }

  /** Plain (not optional, no wildcard return) commands on a context, without context properties. */
  public static ActionRequest of(ContextId contextId, Command... commands) {
    var requests = new ArrayList<CommandRequest>(commands.length);
    for (Command command : commands) requests.add(CommandRequest.of(command));
    return new ActionRequest(contextId, ContextProperties.NONE, requests);
  }
}
