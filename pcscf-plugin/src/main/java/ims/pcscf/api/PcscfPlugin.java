package ims.pcscf.api;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import ims.iq.controller.IqController;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.sip.HostedMediaSecurity;
import ims.pcscf.sip.MediasecInterceptor;
import java.time.Clock;

/** Entry point for hosting the P-CSCF's media-security logic inside another JAIN-SIP proxy. */
public final class PcscfPlugin {
  private PcscfPlugin() {}

  /**
   * A new, not yet started interceptor. The {@code store} is shared with whoever needs the
   * registration state (e.g. the host's terminating routing); {@code clock} drives binding expiry.
   */
  public static PcscfInterceptor newInterceptor(PcscfPolicy policy, RegistrationStore store, Clock clock) {
    return new MediasecInterceptor(policy, store, new HeaderFactoryImpl(), clock);
  }

  /**
   * A new, not yet opened interceptor for the whole media-security part (registration, e2ae calls
   * with the IMS-AGW behind {@code gateway}, spoof protection): the code the standalone proxy runs.
   * The host owns and closes {@code gateway} (null: no IMS-AGW, e2ae requests follow the policy's
   * {@code whenUnavailable}).
   */
  public static MediaSecurityInterceptor newMediaSecurityInterceptor(PcscfPolicy policy, RegistrationStore store,
      Clock clock, IqController gateway) {
    return new HostedMediaSecurity(policy, store, clock, gateway);
  }
}
