package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;

import ims.pcscf.policy.AccessMatch;
import ims.pcscf.policy.E2aeRule;
import ims.pcscf.policy.E2aeUnavailableAction;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Binding;
import ims.sdes.attribute.SrtpSuite;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/** REGISTER through the proxy over real UDP on 127.0.0.1, with a raw-socket UE and registrar. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationFlowTest {

  private static final Duration WAIT = Duration.ofSeconds(5);
  private static final String SERVICE_ROUTE = "<sip:orig@scscf.ims.example.net:5060;lr>";

  /** WLAN access is not offered e2ae; everything else is. */
  private static final PcscfPolicy POLICY = new PcscfPolicy(
      true,
      List.of(new E2aeRule(new AccessMatch.AccessType("IEEE-802.11"), false)),
      true,
      List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80),
      E2aeUnavailableAction.REJECT_488);

  private ProxyHarness h;

  @BeforeAll
  void startProxy() throws Exception {
    h = new ProxyHarness(POLICY);
  }

  @AfterAll
  void stopProxy() {
    h.close();
  }

  private String register(String user, int cseq, int expires, String accessType, String... securityHeaders) {
    var msg = new StringBuilder()
        .append("REGISTER sip:ims.example.net SIP/2.0\r\n")
        .append("Via: SIP/2.0/UDP 127.0.0.1:").append(h.ue.port())
        .append(";branch=z9hG4bK").append(UUID.randomUUID().toString().replace("-", "")).append(";rport\r\n")
        .append("Max-Forwards: 70\r\n")
        .append("From: <sip:").append(user).append("@ims.example.net>;tag=ue-").append(user).append("\r\n")
        .append("To: <sip:").append(user).append("@ims.example.net>\r\n")
        .append("Call-ID: reg-").append(user).append("@127.0.0.1\r\n")
        .append("CSeq: ").append(cseq).append(" REGISTER\r\n")
        .append("Contact: <sip:").append(user).append("@127.0.0.1:").append(h.ue.port()).append(">;expires=")
        .append(expires).append("\r\n")
        .append("Expires: ").append(expires).append("\r\n");
    for (String header : securityHeaders) {
      msg.append(header).append("\r\n");
    }
    msg.append("P-Access-Network-Info: ").append(accessType).append("\r\n")
        .append("Content-Length: 0\r\n\r\n");
    return msg.toString();
  }

  private static final String[] MEDIASEC_UE_HEADERS = {
    "Security-Client: sdes-srtp;mediasec",
    "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064,"
        + " ipsec-3gpp;alg=hmac-md5-96;spi-c=3333;spi-s=4444;port-c=5066;port-s=5068",
    "Require: sec-agree",
    "Proxy-Require: sec-agree",
    "Supported: path, sec-agree, mediasec",
    "Security-Verify: sdes-srtp;mediasec"
  };

  /** Sends a REGISTER, lets the fake registrar answer 200 with the contact and returns both sides' view. */
  private record Exchanged(String forwarded, String toUe) {}

  private Exchanged registerThroughProxy(String request, String contactInAnswer) throws Exception {
    h.ue.send(request, h.access.udpPort());
    String forwarded = h.registrar.receive(WAIT);
    String answer = contactInAnswer == null
        ? RawSip.response(forwarded, "200 OK", "Service-Route: " + SERVICE_ROUTE)
        : RawSip.response(forwarded, "200 OK", "Contact: " + contactInAnswer, "Service-Route: " + SERVICE_ROUTE);
    h.registrar.send(answer, RawSip.topViaPort(forwarded));
    return new Exchanged(forwarded, h.ue.receiveFinal(WAIT));
  }

  @Test
  void givenUeWithMediasec_whenRegisterForwarded_thenCoreSeesNoMediasecNoSecAgreeButPathViaAndDecrementedMaxForwards()
      throws Exception {
    String contact = "<sip:alice@127.0.0.1:" + h.ue.port() + ">";
    Exchanged x = registerThroughProxy(register("alice", 1, 600, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS),
        contact + ";expires=600");
    String fwd = x.forwarded();

    assertThat(RawSip.firstLine(fwd)).isEqualTo("REGISTER sip:ims.example.net SIP/2.0");
    String lower = fwd.toLowerCase(Locale.ROOT);
    assertThat(lower).doesNotContain("mediasec").doesNotContain("sdes-srtp").doesNotContain("sec-agree");
    assertThat(RawSip.values(fwd, "Security-Verify")).isEmpty();
    assertThat(RawSip.values(fwd, "Require")).isEmpty();
    assertThat(RawSip.values(fwd, "Proxy-Require")).isEmpty();
    assertThat(String.join(",", RawSip.values(fwd, "Supported", "k"))).isEqualToIgnoringWhitespace("path");
    // TS 24.229 5.2.2 / TS 24.228: the whole agreement is the UE-P-CSCF hop's, ipsec-3gpp included
    assertThat(RawSip.values(fwd, "Security-Client")).isEmpty();
    assertThat(lower).doesNotContain("ipsec-3gpp").doesNotContain("spi-c");
    assertThat(RawSip.values(fwd, "Path")).containsExactly("<sip:127.0.0.1:" + h.core.udpPort() + ";lr>");
    assertThat(RawSip.values(fwd, "Max-Forwards")).containsExactly("69");
    List<String> vias = RawSip.vias(fwd);
    assertThat(vias).hasSize(2);
    assertThat(vias.get(0)).startsWith("SIP/2.0/UDP 127.0.0.1:" + h.core.udpPort() + ";branch=z9hG4bK");
    assertThat(vias.get(1)).startsWith("SIP/2.0/UDP 127.0.0.1:" + h.ue.port() + ";");
    assertThat(RawSip.values(fwd, "Route"))
        .containsExactly("<sip:127.0.0.1:" + h.registrar.port() + ";transport=udp;lr>");

    String ok = x.toUe();
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
    assertThat(RawSip.vias(ok)).hasSize(1);
    assertThat(RawSip.values(ok, "Service-Route")).containsExactly(SERVICE_ROUTE);
  }

  @Test
  void givenRegistrarAnswerCarryingItsOwnSecurityServer_whenRelayed_thenUeSeesOnlyTheProxysSecurityServer()
      throws Exception {
    String contact = "<sip:gina@127.0.0.1:" + h.ue.port() + ">";
    h.ue.send(register("gina", 1, 600, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS), h.access.udpPort());
    String forwarded = h.registrar.receive(WAIT);
    h.registrar.send(RawSip.response(forwarded, "200 OK", "Contact: " + contact + ";expires=600",
        "Security-Server: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=9;spi-s=8;port-c=7;port-s=6"), RawSip.topViaPort(forwarded));
    String ok = h.ue.receiveFinal(WAIT);
    assertThat(RawSip.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
  }

  @Test
  void givenUeWithMediasec_whenRegistrarAccepts_thenBindingStoredWithMediasecAndServiceRoute() throws Exception {
    String contact = "<sip:bob@127.0.0.1:" + h.ue.port() + ">";
    Instant before = Instant.now();
    registerThroughProxy(register("bob", 1, 600, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS), contact + ";expires=300");

    Binding binding = h.proxy.registrations().findByContact("sip:bob@127.0.0.1:" + h.ue.port()).orElseThrow();
    assertThat(binding.ueSupportsE2ae()).isTrue();
    assertThat(binding.networkOffersE2ae()).isTrue();
    assertThat(binding.e2aeAgreed()).isTrue();
    assertThat(binding.aor().value()).isEqualTo("sip:bob@ims.example.net");
    assertThat(binding.serviceRoute()).containsExactly(SERVICE_ROUTE);
    assertThat(binding.ueAddress().source().getPort()).isEqualTo(h.ue.port());
    // the registrar granted 300 s (not the 600 asked for)
    assertThat(binding.expiresAt()).isBetween(before.plusSeconds(299), Instant.now().plusSeconds(301));
  }

  @Test
  void givenRegisteredUe_whenDeregistered_thenBindingRemovedAndNoSecurityServer() throws Exception {
    String contact = "<sip:carol@127.0.0.1:" + h.ue.port() + ">";
    registerThroughProxy(register("carol", 1, 600, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS), contact + ";expires=600");
    assertThat(h.proxy.registrations().findByContact(contact)).isPresent();

    Exchanged x = registerThroughProxy(register("carol", 2, 0, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS), null);

    assertThat(RawSip.firstLine(x.toUe())).isEqualTo("SIP/2.0 200 OK");
    assertThat(RawSip.values(x.toUe(), "Security-Server")).isEmpty();
    assertThat(h.proxy.registrations().findByContact(contact)).isEmpty();
  }

  @Test
  void givenRegisteredMediasecUe_whenReRegisteringWithoutMediasec_thenBindingRefreshedWithoutE2ae() throws Exception {
    String contact = "<sip:frank@127.0.0.1:" + h.ue.port() + ">";
    registerThroughProxy(register("frank", 1, 600, "3GPP-E-UTRAN-FDD", MEDIASEC_UE_HEADERS), contact + ";expires=600");
    assertThat(h.proxy.registrations().findByContact(contact).orElseThrow().e2aeAgreed()).isTrue();

    Exchanged x = registerThroughProxy(register("frank", 2, 600, "3GPP-E-UTRAN-FDD"), contact + ";expires=1200");

    assertThat(RawSip.values(x.toUe(), "Security-Server")).isEmpty();
    Binding binding = h.proxy.registrations().findByContact(contact).orElseThrow();
    assertThat(binding.ueSupportsE2ae()).isFalse();
    assertThat(binding.expiresAt()).isAfter(Instant.now().plusSeconds(1100));
    assertThat(h.proxy.registrations().findByAor(binding.aor())).hasSize(1);
  }

  @Test
  void givenUeWithoutMediasec_whenRegistered_thenNoSecurityServerAndStoredWithoutE2ae() throws Exception {
    String contact = "<sip:dave@127.0.0.1:" + h.ue.port() + ">";
    Exchanged x = registerThroughProxy(register("dave", 1, 600, "3GPP-E-UTRAN-FDD",
            "Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1;spi-s=2;port-c=3;port-s=4",
            "Require: sec-agree", "Proxy-Require: sec-agree"),
        contact + ";expires=600");

    assertThat(RawSip.values(x.toUe(), "Security-Server")).isEmpty();
    assertThat(RawSip.values(x.forwarded(), "Security-Client")).isEmpty();
    assertThat(RawSip.values(x.forwarded(), "Require")).isEmpty();
    assertThat(RawSip.values(x.forwarded(), "Proxy-Require")).isEmpty();
    Binding binding = h.proxy.registrations().findByContact(contact).orElseThrow();
    assertThat(binding.ueSupportsE2ae()).isFalse();
    assertThat(binding.networkOffersE2ae()).isFalse();
  }

  @Test
  void givenMediasecUeOnWlanWherePolicyDeclines_whenRegistered_thenNoSecurityServerButUeSupportStored()
      throws Exception {
    String contact = "<sip:erin@127.0.0.1:" + h.ue.port() + ">";
    Exchanged x = registerThroughProxy(register("erin", 1, 600, "IEEE-802.11; i-wlan-node-id=ffffff",
        "Security-Client: sdes-srtp;mediasec"), contact + ";expires=600");

    assertThat(RawSip.values(x.toUe(), "Security-Server")).isEmpty();
    assertThat(x.forwarded().toLowerCase(Locale.ROOT)).doesNotContain("mediasec");
    assertThat(RawSip.values(x.forwarded(), "Security-Client")).isEmpty();
    Binding binding = h.proxy.registrations().findByContact(contact).orElseThrow();
    assertThat(binding.ueSupportsE2ae()).isTrue();
    assertThat(binding.networkOffersE2ae()).isFalse();
  }
}
