package ims.iq.codec;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The keywords of the H.248.1 Annex B text encoding with their long and short forms (RFC 3525 B.2, H.248.1 v3). Tokens
 * are case-insensitive on the wire.
 */
enum Token {
  ADD("Add", "A"), AUDIT("Audit", "AT"), AUDIT_CAP("AuditCapability", "AC"), AUDIT_VALUE("AuditValue", "AV"),
  AUTH("Authentication", "AU"), BOTH("Both", "B"), BOTHWAY("Bothway", "BW"), BRIEF("Brief", "BR"),
  BUFFER("Buffer", "BF"), CONTEXT("Context", "C"), CONTEXT_AUDIT("ContextAudit", "CA"),
  CONTEXT_ATTR("ContextAttr", "CT"), CONTEXT_LIST("ContextList", "CLT"), DIGIT_MAP("DigitMap", "DM"),
  DIRECTION("SPADirection", "SPADI"), DISCARD("Discard", "DS"), DISCONNECTED("Disconnected", "DC"),
  DELAY("Delay", "DL"), DELETE("Delete", "DE"), DURATION("Duration", "DR"), EMBED("Embed", "EM"),
  EMERGENCY("Emergency", "EG"), EMERGENCY_OFF("EmergencyOff", "EGO"), EMERGENCY_VALUE("EmergencyValue", "EGV"),
  ERROR("Error", "ER"), EVENT_BUFFER("EventBuffer", "EB"), EVENTS("Events", "E"), EXTERNAL("External", "EX"),
  FAILOVER("Failover", "FL"), FORCED("Forced", "FO"), GRACEFUL("Graceful", "GR"), H221("H221", "H221"),
  H223("H223", "H223"), H226("H226", "H226"), HAND_OFF("HandOff", "HO"), IEPS("IEPSCall", "IEPS"),
  IMM_ACK_REQUIRED("ImmAckRequired", "IA"), INACTIVE("Inactive", "IN"), INTERNAL("Internal", "IT"),
  INTSIG_DELAY("Intersignal", "SPAIS"), INTERRUPT_BY_EVENT("IntByEvent", "IBE"),
  INTERRUPT_BY_NEW_SIGNALS("IntBySigDescr", "IBS"), ISOLATE("Isolate", "IS"), IN_SERVICE("InService", "IV"),
  ITERATION("Iteration", "IR"), KEEP_ACTIVE("KeepActive", "KA"), LOCAL("Local", "L"),
  LOCAL_CONTROL("LocalControl", "O"), LOCK_STEP("LockStep", "SP"), LOOPBACK("Loopback", "LB"),
  MEDIA("Media", "M"), MEGACOP("MEGACO", "!"), SEGMENT("Segment", "SM"), METHOD("Method", "MT"),
  MGC_ID("MgcIdToTry", "MG"), MODE("Mode", "MO"), MODIFY("Modify", "MF"), MODEM("Modem", "MD"),
  MOVE("Move", "MV"), MTP("MTP", "MTP"), MUX("Mux", "MX"), NEVER_NOTIFY("NeverNotify", "NBNN"),
  NOTIFY("Notify", "N"), NOTIFY_COMPLETION("NotifyCompletion", "NC"), NOTIFY_IMMEDIATE("ImmediateNotify", "NBIN"),
  NOTIFY_REGULATED("RegulatedNotify", "NBRN"), NX64K("Nx64Kservice", "N64"), OBSERVED_EVENTS("ObservedEvents", "OE"),
  OFF("OFF", "OFF"), ONEWAY("Oneway", "OW"), ONEWAY_BOTH("OnewayBoth", "OWB"),
  ONEWAY_EXTERNAL("OnewayExternal", "OWE"), ON_OFF("OnOff", "OO"), ON("ON", "ON"),
  OTHER_REASON("OtherReason", "OR"), OUT_OF_SERVICE("OutOfService", "OS"), PACKAGES("Packages", "PG"),
  PENDING("Pending", "PN"), PRIORITY("Priority", "PR"), PROFILE("Profile", "PF"), REASON("Reason", "RE"),
  RECV_ONLY("ReceiveOnly", "RC"), REPLY("Reply", "P"), RESET_EVENTS("ResetEventsDescriptor", "RSE"),
  RESTART("Restart", "RS"), REMOTE("Remote", "R"), REQUEST_ID("SPARequestID", "SPARQ"),
  RESERVED_GROUP("ReservedGroup", "RG"), RESERVED_VALUE("ReservedValue", "RV"),
  SEGMENTATION_COMPLETE("END", "&"), SEND_ONLY("SendOnly", "SO"), SEND_RECEIVE("SendReceive", "SR"),
  SERVICES("Services", "SV"), SERVICE_STATES("ServiceStates", "SI"), SERVICE_CHANGE("ServiceChange", "SC"),
  SERVICE_CHANGE_ADDRESS("ServiceChangeAddress", "AD"), SERVICE_CHANGE_INCOMPLETE("ServiceChangeInc", "SIC"),
  SIGNAL_LIST("SignalList", "SL"), SIGNALS("Signals", "SG"), SIGNAL_TYPE("SignalType", "SY"),
  STATISTICS("Statistics", "SA"), STREAM("Stream", "ST"), SUBTRACT("Subtract", "S"), SYNCH_ISDN("SynchISDN", "SN"),
  TERMINATION_STATE("TerminationState", "TS"), TEST("Test", "TE"), TIME_OUT("TimeOut", "TO"),
  TOPOLOGY("Topology", "TP"), TRANSACTION("Transaction", "T"), RESPONSE_ACK("TransactionResponseAck", "K"),
  V18("V18", "V18"), V22("V22", "V22"), V22BIS("V22b", "V22b"), V32("V32", "V32"), V32BIS("V32b", "V32b"),
  V34("V34", "V34"), V76("V76", "V76"), V90("V90", "V90"), V91("V91", "V91"), VERSION("Version", "V");

  /** Lower-case long and short forms; built once, immutable. */
  private static final Map<String, Token> BY_TEXT = index();

  private static Map<String, Token> index() {
    var map = new HashMap<String, Token>();
    for (Token t : values()) {
      for (String form : new String[] {t.longForm, t.shortForm}) {
        Token previous = map.put(form.toLowerCase(Locale.ROOT), t);
        if (previous != null && previous != t) throw new AssertionError("ambiguous token " + form);
      }
    }
    return Map.copyOf(map);
  }

  final String longForm;
  final String shortForm;

  Token(String longForm, String shortForm) {
    this.longForm = longForm;
    this.shortForm = shortForm;
  }

  /** The token a word spells (long or short form, any case), or null. */
  static Token lookup(String word) {
    return BY_TEXT.get(word.toLowerCase(Locale.ROOT));
  }

  String text(TokenStyle style) {
    return style == TokenStyle.COMPACT ? shortForm : longForm;
  }
}
