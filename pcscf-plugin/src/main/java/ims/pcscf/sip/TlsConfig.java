package ims.pcscf.sip;

import java.nio.file.Path;
import java.util.Objects;

/**
 * The keystore and truststore of the proxy's TLS listening points (jain-sip-ri's TLS: one key and one
 * set of trusted certificates for the whole stack, used on both sides and toward a TLS next hop).
 * PKCS#12 files. The passwords never appear in {@link #toString()}.
 *
 * @param keyStore           the proxy's certificate and private key
 * @param keyStorePassword   its password
 * @param trustStore         the certificates the proxy trusts (a TLS next hop's; UEs' when client
 *                           certificates are asked for)
 * @param trustStorePassword its password
 * @param clientAuth         whether TLS peers must present a certificate (UEs usually have none)
 */
public record TlsConfig(Path keyStore, String keyStorePassword, Path trustStore, String trustStorePassword,
    ClientAuth clientAuth) {

  /** Whether a TLS peer of the proxy's listening points must present a certificate. */
  public enum ClientAuth {
    /** No certificate asked for (the usual Gm case: the UE authenticates with IMS AKA). */
    DISABLED("Disabled"),
    /** Asked for, not required. */
    WANT("Want"),
    /** Required and verified against the truststore. */
    REQUIRE("Enabled");

    final String jainSipValue;

    ClientAuth(String jainSipValue) {
      this.jainSipValue = jainSipValue;
    }
  }

  public TlsConfig {
    Objects.requireNonNull(keyStore, "keyStore");
    Objects.requireNonNull(keyStorePassword, "keyStorePassword");
    Objects.requireNonNull(trustStore, "trustStore");
    Objects.requireNonNull(trustStorePassword, "trustStorePassword");
    Objects.requireNonNull(clientAuth, "clientAuth");
  }

  @Override
  public String toString() {
    return "TlsConfig[keyStore=" + keyStore + ", trustStore=" + trustStore + ", clientAuth=" + clientAuth
        + ", passwords=***]";
  }
}
