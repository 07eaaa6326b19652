package ims.pcscf.sip;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.parser.MessageParser;
import gov.nist.javax.sip.parser.MessageParserFactory;
import gov.nist.javax.sip.parser.ParseExceptionListener;
import gov.nist.javax.sip.parser.StringMsgParser;
import gov.nist.javax.sip.stack.SIPTransactionStack;
import java.text.ParseException;

/**
 * jain-sip's own parser, counting what it rejects: set as {@code
 * gov.nist.javax.sip.MESSAGE_PARSER_FACTORY}. A message the parser rejects is answered 400 by the
 * stack when it can, or dropped; either way it is counted in
 * {@link ProxyCounters.Snapshot#unparseableMessages()}. A malformed non-essential header that the
 * stack drops from an otherwise valid message is counted in
 * {@link ProxyCounters.Snapshot#droppedHeaders()}.
 */
public final class CountingMessageParserFactory implements MessageParserFactory {

  public CountingMessageParserFactory() {}

  @Override
  public MessageParser createMessageParser(SIPTransactionStack stack) {
    ProxyCounters counters = stack instanceof PcscfSipStack ours ? ours.counters() : new ProxyCounters();
    var delegate = new StringMsgParser();
    return (bytes, readBody, strict, listener) -> {
      ParseExceptionListener counting = listener == null ? null : (ex, message, headerClass, header, text) -> {
        listener.handleException(ex, message, headerClass, header, text); // throws if the message is rejected
        counters.droppedHeaders.increment();
      };
      try {
        SIPMessage message = delegate.parseSIPMessage(bytes, readBody, strict, counting);
        if (message == null && bytes != null && bytes.length > 4) {
          counters.unparseableMessages.increment();
        }
        return message;
      } catch (ParseException | RuntimeException e) {
        counters.unparseableMessages.increment();
        throw e;
      }
    };
  }
}
