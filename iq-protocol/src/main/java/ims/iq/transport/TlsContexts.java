package ims.iq.transport;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;

/** The one way we build Iq TLS contexts: TLS 1.3 only, mutual authentication, trust only what is given. */
public final class TlsContexts {
  private TlsContexts() {}

  /** The pair of contexts for {@link TlsTransportConfig}, from our key and the internal CA's trust. */
  public record Pair(SslContext server, SslContext client) {}

  public static Pair mutual(KeyManagerFactory ourKey, TrustManagerFactory internalCa) throws SSLException {
    SslContext server = SslContextBuilder.forServer(ourKey)
        .trustManager(internalCa)
        .clientAuth(ClientAuth.REQUIRE)
        .protocols("TLSv1.3")
        .build();
    SslContext client = SslContextBuilder.forClient()
        .keyManager(ourKey)
        .trustManager(internalCa)
        .protocols("TLSv1.3")
        .build(); // hostname verification stays on: the peer's certificate names its address (SAN)
    return new Pair(server, client);
  }
}
