package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.PcscfPolicy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A core next hop reached over TCP: Via and Path name the core side's TCP listening point. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TcpCoreTest {

  private static final Duration WAIT = Duration.ofSeconds(5);

  /** Reads one SIP message without body (headers up to the blank line). */
  private static String readMessage(InputStream in) throws IOException {
    var out = new ByteArrayOutputStream();
    int matched = 0;
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed before the end of the message");
      }
      out.write(b);
      matched = (b == '\r' && (matched == 0 || matched == 2)) || (b == '\n' && (matched == 1 || matched == 3))
          ? matched + 1 : 0;
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void givenTcpRegistrar_whenRegisterForwarded_thenTcpViaAndPathAndAnswerRelayedToUdpUe() throws Exception {
    try (var registrar = new ServerSocket()) {
      registrar.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      registrar.setSoTimeout((int) WAIT.toMillis());
      try (var h = new ProxyHarness(PcscfPolicy.DEFAULT, Clock.systemUTC(), 100, ProxyConfig.DEFAULT_T1,
          registrar.getLocalPort())) {
        h.ue.send(SipRequests.register(h.ue.port(), "tcpcore", "tcpcore@test", "Security-Client: sdes-srtp;mediasec"),
            h.access.udpPort());

        try (Socket connection = registrar.accept()) {
          connection.setSoTimeout((int) WAIT.toMillis());
          String forwarded = readMessage(connection.getInputStream());
          assertThat(RawSip.vias(forwarded).get(0))
              .startsWith("SIP/2.0/TCP 127.0.0.1:" + h.core.tcpPort() + ";branch=z9hG4bK");
          assertThat(RawSip.values(forwarded, "Path"))
              .containsExactly("<sip:127.0.0.1:" + h.core.tcpPort() + ";transport=tcp;lr>");
          assertThat(RawSip.values(forwarded, "Route"))
              .containsExactly("<sip:127.0.0.1:" + registrar.getLocalPort() + ";transport=tcp;lr>");

          String ok = RawSip.response(forwarded, "200 OK",
              "Contact: <sip:tcpcore@127.0.0.1:" + h.ue.port() + ">;expires=600");
          connection.getOutputStream().write(ok.getBytes(StandardCharsets.UTF_8));
          connection.getOutputStream().flush();

          String answer = h.ue.receiveFor("tcpcore@test", WAIT);
          assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 200 OK");
          assertThat(RawSip.values(answer, "Security-Server")).containsExactly("sdes-srtp;mediasec");
        }
      }
    }
  }

  @Test
  void givenTcpNextHopRefusingConnections_whenRegisterArrives_thenUeGets503() throws Exception {
    int closedPort;
    try (var probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = probe.getLocalPort();
    }
    try (var h = new ProxyHarness(PcscfPolicy.DEFAULT, Clock.systemUTC(), 100, Duration.ofMillis(40), closedPort)) {
      h.ue.send(SipRequests.register(h.ue.port(), "refused", "refused@test"), h.access.udpPort());

      String answer = h.ue.receiveFor("refused@test", Duration.ofSeconds(20));
      assertThat(RawSip.firstLine(answer)).isEqualTo("SIP/2.0 503 Service Unavailable");
      assertThat(h.proxy.registrations().size()).isZero();
    }
  }
}
