package ims.iq.gateway;

import ims.iq.message.CommandReply;
import ims.iq.message.ContextId;
import ims.iq.message.ErrorCode;
import ims.iq.message.ErrorDescriptor;
import ims.iq.message.TerminationId;
import java.util.Objects;

/** What the gateway's handler made of one command: a reply in a (possibly new) context, or an H.248 error. */
public sealed interface CommandOutcome {

  /** The command worked; {@code context} is the context it ran in (the chosen one for {@code $}). */
  record Success(ContextId context, CommandReply reply) implements CommandOutcome {
    public Success {
      Objects.requireNonNull(context, "context");
      Objects.requireNonNull(reply, "reply");
      if (context == ContextId.CHOOSE || context == ContextId.ALL) {
        throw new IllegalArgumentException("a reply names a concrete context, not " + context);
      }
    }
  }

  /** The command failed; the error goes into the action reply and stops the action. */
  record Failure(ErrorDescriptor error) implements CommandOutcome, WildcardAuditOutcome {
    public Failure {
      Objects.requireNonNull(error, "error");
    }
  }

  static Success success(ContextId context, CommandReply reply) {
    return new Success(context, reply);
  }

  static Failure failure(ErrorCode code, String text) {
    return new Failure(ErrorDescriptor.of(code, sanitize(text)));
  }

  /** 411: the context does not exist. */
  static Failure unknownContext(ContextId context) {
    return failure(ErrorCode.UNKNOWN_CONTEXT_ID, "Unknown ContextId " + describe(context));
  }

  /** 430: the termination does not exist (in that context). */
  static Failure unknownTermination(TerminationId termination) {
    return failure(ErrorCode.UNKNOWN_TERMINATION_ID, "Unknown TerminationID " + termination.name());
  }

  /** 445: a package or property we do not support; the name is in the text (TS 29.334). */
  static Failure unsupportedProperty(String name) {
    return failure(ErrorCode.UNSUPPORTED_PROPERTY, "Unsupported or Unknown Property " + name);
  }

  /** 449: a value we do not support; the property name and value are in the text (TS 29.334). */
  static Failure unsupportedValue(String name, String value) {
    return failure(ErrorCode.UNSUPPORTED_VALUE, "Unsupported or Unknown Parameter or Property Value " + name + " = " + value);
  }

  /** 510: out of ports, contexts or memory. */
  static Failure insufficientResources(String what) {
    return failure(ErrorCode.INSUFFICIENT_RESOURCES, "Insufficient resources: " + what);
  }

  /** 500: a bug or an unexpected failure inside the gateway. */
  static Failure internalError(String what) {
    return failure(ErrorCode.INTERNAL_SOFTWARE_FAILURE, "Internal software failure: " + what);
  }

  private static String describe(ContextId context) {
    return switch (context) {
      case ContextId.Numbered n -> Long.toString(n.value());
      case ContextId.Special s -> s.symbol();
    };
  }

  /** Error text is a quoted string: no double quotes, bounded length. */
  private static String sanitize(String text) {
    String clean = text.replace('"', '\'');
    return clean.length() > 200 ? clean.substring(0, 200) : clean;
  }
}
