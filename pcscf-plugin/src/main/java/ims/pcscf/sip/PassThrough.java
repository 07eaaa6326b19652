package ims.pcscf.sip;

import ims.pcscf.api.Exchange;

/** A forwarded request whose responses the interceptor leaves alone. */
enum PassThrough implements Exchange {
  INSTANCE
}
