package ims.pcscf.sip;

import ims.pcscf.api.Exchange;
import javax.sip.ServerTransaction;

/**
 * A request forwarded statefully and awaiting answers (the application data of its client
 * transaction): where answers go back, the interceptor's exchange, {@code leg} when its SDP is
 * anchored at the IMS-AGW and {@code timerC} for an INVITE (null otherwise).
 */
record ForwardedRequest(ServerTransaction serverTransaction, Exchange exchange, E2aeLeg leg, TimerC timerC) {}
