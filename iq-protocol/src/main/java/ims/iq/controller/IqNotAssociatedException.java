package ims.iq.controller;

import ims.iq.transport.IqException;

/** No gateway to send to: none has registered yet, or it took itself out of service. */
public final class IqNotAssociatedException extends IqException {
  public IqNotAssociatedException(String why) {
    super("no Iq gateway association: " + why);
  }
}
