package ims.launcher.config;

import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.sip.ProxyConfig;
import java.util.Objects;

/** The P-CSCF's part of the configuration: the module's own records. */
public record PcscfSettings(ProxyConfig proxy, PcscfPolicy policy) {
  public PcscfSettings {
    Objects.requireNonNull(proxy, "proxy");
    Objects.requireNonNull(policy, "policy");
  }
}
