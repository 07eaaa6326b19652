package ims.iq.message;

import java.util.Map;
import java.util.Optional;

/**
 * An H.248 error code (H.248.1 Annex B {@code ErrorCode}, 1..4 digits; the registry is H.248.8). Known codes have a
 * description; unknown codes from a peer are kept as they are.
 */
public record ErrorCode(int code) {
  public static final ErrorCode SYNTAX_ERROR_IN_MESSAGE = new ErrorCode(400);
  public static final ErrorCode PROTOCOL_ERROR = new ErrorCode(401);
  public static final ErrorCode UNAUTHORIZED = new ErrorCode(402);
  public static final ErrorCode SYNTAX_ERROR_IN_TRANSACTION = new ErrorCode(403);
  public static final ErrorCode VERSION_NOT_SUPPORTED = new ErrorCode(406);
  public static final ErrorCode INCORRECT_IDENTIFIER = new ErrorCode(410);
  public static final ErrorCode UNKNOWN_CONTEXT_ID = new ErrorCode(411);
  public static final ErrorCode NO_CONTEXT_IDS_AVAILABLE = new ErrorCode(412);
  public static final ErrorCode TOO_MANY_TRANSACTIONS = new ErrorCode(413);
  public static final ErrorCode UNKNOWN_ACTION = new ErrorCode(421);
  public static final ErrorCode SYNTAX_ERROR_IN_ACTION = new ErrorCode(422);
  public static final ErrorCode UNKNOWN_TERMINATION_ID = new ErrorCode(430);
  public static final ErrorCode NO_TERMINATION_ID_MATCHED = new ErrorCode(431);
  public static final ErrorCode OUT_OF_TERMINATION_IDS = new ErrorCode(432);
  public static final ErrorCode TERMINATION_ALREADY_IN_CONTEXT = new ErrorCode(433);
  public static final ErrorCode TOO_MANY_TERMINATIONS_IN_CONTEXT = new ErrorCode(434);
  public static final ErrorCode TERMINATION_NOT_IN_CONTEXT = new ErrorCode(435);
  public static final ErrorCode UNSUPPORTED_PACKAGE = new ErrorCode(440);
  public static final ErrorCode MISSING_REMOTE_OR_LOCAL = new ErrorCode(441);
  public static final ErrorCode SYNTAX_ERROR_IN_COMMAND = new ErrorCode(442);
  public static final ErrorCode UNSUPPORTED_COMMAND = new ErrorCode(443);
  public static final ErrorCode UNSUPPORTED_DESCRIPTOR = new ErrorCode(444);
  public static final ErrorCode UNSUPPORTED_PROPERTY = new ErrorCode(445);
  public static final ErrorCode UNSUPPORTED_PARAMETER = new ErrorCode(446);
  public static final ErrorCode DESCRIPTOR_NOT_LEGAL = new ErrorCode(447);
  public static final ErrorCode DESCRIPTOR_TWICE = new ErrorCode(448);
  public static final ErrorCode UNSUPPORTED_VALUE = new ErrorCode(449);
  public static final ErrorCode NO_SUCH_PROPERTY = new ErrorCode(450);
  public static final ErrorCode NO_SUCH_EVENT = new ErrorCode(451);
  public static final ErrorCode NO_SUCH_SIGNAL = new ErrorCode(452);
  public static final ErrorCode NO_SUCH_STATISTIC = new ErrorCode(453);
  public static final ErrorCode NO_SUCH_PARAMETER_VALUE = new ErrorCode(454);
  public static final ErrorCode PROPERTY_ILLEGAL_IN_DESCRIPTOR = new ErrorCode(455);
  public static final ErrorCode PROPERTY_TWICE = new ErrorCode(456);
  public static final ErrorCode MISSING_PARAMETER = new ErrorCode(457);
  public static final ErrorCode UNEXPECTED_REQUEST_ID = new ErrorCode(458);
  public static final ErrorCode UNSUPPORTED_PROFILE = new ErrorCode(459);
  public static final ErrorCode INTERNAL_SOFTWARE_FAILURE = new ErrorCode(500);
  public static final ErrorCode NOT_IMPLEMENTED = new ErrorCode(501);
  public static final ErrorCode NOT_READY = new ErrorCode(502);
  public static final ErrorCode SERVICE_UNAVAILABLE = new ErrorCode(503);
  public static final ErrorCode UNAUTHORIZED_ENTITY = new ErrorCode(504);
  public static final ErrorCode REQUEST_BEFORE_SERVICE_CHANGE_REPLY = new ErrorCode(505);
  public static final ErrorCode TOO_MANY_PENDINGS = new ErrorCode(506);
  public static final ErrorCode INSUFFICIENT_RESOURCES = new ErrorCode(510);
  public static final ErrorCode UNSUPPORTED_MEDIA_TYPE = new ErrorCode(515);
  public static final ErrorCode UNSUPPORTED_MODE = new ErrorCode(517);
  public static final ErrorCode SERVICE_CHANGING = new ErrorCode(521);
  public static final ErrorCode INSUFFICIENT_BANDWIDTH = new ErrorCode(526);
  public static final ErrorCode INTERNAL_HARDWARE_FAILURE = new ErrorCode(529);
  public static final ErrorCode TEMPORARY_NETWORK_FAILURE = new ErrorCode(530);
  public static final ErrorCode PERMANENT_NETWORK_FAILURE = new ErrorCode(531);
  public static final ErrorCode AUDITED_ITEM_DOES_NOT_EXIST = new ErrorCode(532);
  public static final ErrorCode RESPONSE_TOO_LARGE = new ErrorCode(533);
  public static final ErrorCode ILLEGAL_WRITE_OR_READ_ONLY = new ErrorCode(534);
  public static final ErrorCode COMMAND_NOT_ALLOWED_ON_TERMINATION = new ErrorCode(542);
  public static final ErrorCode DOES_NOT_EXIST = new ErrorCode(581);

  private static final Map<Integer, String> DESCRIPTIONS = Map.ofEntries(
      Map.entry(400, "Syntax error in message"),
      Map.entry(401, "Protocol Error"),
      Map.entry(402, "Unauthorized"),
      Map.entry(403, "Syntax error in transaction request"),
      Map.entry(406, "Version Not Supported"),
      Map.entry(410, "Incorrect identifier"),
      Map.entry(411, "The transaction refers to an unknown ContextId"),
      Map.entry(412, "No ContextIDs available"),
      Map.entry(413, "Number of transactions in message exceeds maximum"),
      Map.entry(421, "Unknown action or illegal combination of actions"),
      Map.entry(422, "Syntax Error in Action"),
      Map.entry(430, "Unknown TerminationID"),
      Map.entry(431, "No TerminationID matched a wildcard"),
      Map.entry(432, "Out of TerminationIDs or No TerminationID available"),
      Map.entry(433, "TerminationID is already in a Context"),
      Map.entry(434, "Max number of Terminations in a Context exceeded"),
      Map.entry(435, "Termination ID is not in specified Context"),
      Map.entry(440, "Unsupported or unknown Package"),
      Map.entry(441, "Missing Remote or Local Descriptor"),
      Map.entry(442, "Syntax Error in Command"),
      Map.entry(443, "Unsupported or Unknown Command"),
      Map.entry(444, "Unsupported or Unknown Descriptor"),
      Map.entry(445, "Unsupported or Unknown Property"),
      Map.entry(446, "Unsupported or Unknown Parameter"),
      Map.entry(447, "Descriptor not legal in this command"),
      Map.entry(448, "Descriptor appears twice in a command"),
      Map.entry(449, "Unsupported or Unknown Parameter or Property Value"),
      Map.entry(450, "No such property in this package"),
      Map.entry(451, "No such event in this package"),
      Map.entry(452, "No such signal in this package"),
      Map.entry(453, "No such statistic in this package"),
      Map.entry(454, "No such parameter value in this package"),
      Map.entry(455, "Property illegal in this Descriptor"),
      Map.entry(456, "Property appears twice in this Descriptor"),
      Map.entry(457, "Missing parameter in signal or event"),
      Map.entry(458, "Unexpected Event/Request ID"),
      Map.entry(459, "Unsupported or Unknown Profile"),
      Map.entry(500, "Internal software Failure in MG"),
      Map.entry(501, "Not Implemented"),
      Map.entry(502, "Not ready"),
      Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Command Received from unauthorized entity"),
      Map.entry(505, "Transaction Request Received before a ServiceChange Reply has been received"),
      Map.entry(506, "Number of Transaction Pendings Exceeded"),
      Map.entry(510, "Insufficient resources"),
      Map.entry(515, "Unsupported Media Type"),
      Map.entry(517, "Unsupported or invalid mode"),
      Map.entry(521, "Termination is ServiceChanging"),
      Map.entry(526, "Insufficient bandwidth"),
      Map.entry(529, "Internal hardware failure in MG"),
      Map.entry(530, "Temporary Network failure"),
      Map.entry(531, "Permanent Network failure"),
      Map.entry(532, "Audited Property, Statistic, Event or Signal does not exist"),
      Map.entry(533, "Response exceeds maximum transport PDU size"),
      Map.entry(534, "Illegal write or read only property"),
      Map.entry(542, "Command is not allowed on this termination"),
      Map.entry(581, "Does Not Exist"));

  public static final int MAX = 9999;

  public ErrorCode {
    if (code < 0 || code > MAX) throw new IllegalArgumentException("error code out of range: " + code);
  }

  public static ErrorCode of(int code) {
    return new ErrorCode(code);
  }

  /** The H.248.8 description of a known code. */
  public Optional<String> description() {
    return Optional.ofNullable(DESCRIPTIONS.get(code));
  }

  public boolean isKnown() {
    return DESCRIPTIONS.containsKey(code);
  }

  @Override
  public String toString() {
    return Integer.toString(code);
  }
}
