package ims.iq.controller;

import ims.iq.transport.IqException;

/** The gateway's reply does not have the shape the procedure expects (e.g. no termination id in an Add reply). */
public final class IqProtocolException extends IqException {
  public IqProtocolException(String why) {
    super("unexpected Iq reply: " + why);
  }
}
