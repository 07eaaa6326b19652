package ims.iq.message;

/** The H.248 command a request carries, for counting; one constant per {@link Command} type. */
public enum CommandKind {
  ADD, MODIFY, MOVE, SUBTRACT, AUDIT_VALUE, AUDIT_CAPABILITIES, NOTIFY, SERVICE_CHANGE;

  public static CommandKind of(Command command) {
    return switch (command) {
      case Add a -> ADD;
      case Modify m -> MODIFY;
      case Move m -> MOVE;
      case Subtract s -> SUBTRACT;
      case AuditValue a -> AUDIT_VALUE;
      case AuditCapabilities a -> AUDIT_CAPABILITIES;
      case Notify n -> NOTIFY;
      case ServiceChange s -> SERVICE_CHANGE;
    };
  }
}
