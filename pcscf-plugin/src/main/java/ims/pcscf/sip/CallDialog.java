package ims.pcscf.sip;

import ims.pcscf.api.Side;
import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.message.Response;

/**
 * What the standalone proxy remembers of an anchored call's SIP side so that it can end the call
 * itself when the IMS-AGW loses the media context: the INVITE's transactions (for CANCEL and a final
 * answer while unanswered), then the relayed 2xx (the dialog: tags, the answerer's Contact, the
 * Record-Route set) and the highest CSeq each side sent in the dialog (RFC 3261 12.2.1.1: a request
 * we originate must exceed it). Guarded by its own monitor.
 */
final class CallDialog {
  private ServerTransaction server;
  private ClientTransaction client;
  private Side offerer;
  private Response answer;
  private long offererCSeq;
  private long answererCSeq;

  synchronized void forwarded(Side offerer, ServerTransaction server, ClientTransaction client, long inviteCSeq) {
    if (this.server == null) {
      this.offerer = offerer;
      this.server = server;
      this.client = client;
      this.offererCSeq = inviteCSeq;
    }
  }

  /** The first 2xx relayed to the offerer (our Via removed): the dialog is established. */
  synchronized void answered(Response twoHundred) {
    if (answer == null) {
      answer = (Response) twoHundred.clone();
    }
  }

  /** An in-dialog request from {@code from} carried {@code cseq}. */
  synchronized void requestFrom(Side from, long cseq) {
    if (from == offerer) {
      offererCSeq = Math.max(offererCSeq, cseq);
    } else {
      answererCSeq = Math.max(answererCSeq, cseq);
    }
  }

  synchronized Snapshot snapshot() {
    return new Snapshot(offerer, server, client, answer, offererCSeq, answererCSeq);
  }

  /** A consistent copy; {@code answer} null while the INVITE is unanswered, {@code server} null if never forwarded. */
  record Snapshot(Side offerer, ServerTransaction server, ClientTransaction client, Response answer,
      long offererCSeq, long answererCSeq) {}
}
