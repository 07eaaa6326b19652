package ims.integration;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Registration with media-plane security (TS 33.328 7.1, TS 24.229 7.2A.7) through the real P-CSCF to a real
 * registrar (Kamailio): the UE's mediasec indication stops at the P-CSCF, the registrar stores the binding with
 * the P-CSCF's Path, and the UE is told the network offers e2ae.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class KamailioRegistrationTest extends ChainTest {
  @Test
  void givenSippUeWithMediasec_whenItRegistersThroughThePcscf_thenKamailioStoresTheBindingWithPathAndNoMediasecReachesIt()
      throws Exception {
    int uePort = FreePorts.udp();
    int exit;
    try (Sipp ue = Sipp.start(dir, "ue_register_mediasec.xml", uePort, chain.accessPort())) {
      exit = ue.await();
      assertThat(exit).as("SIPp UE exit code (0: the 200 OK had Security-Server: sdes-srtp;mediasec); output:%n%s",
          ue.output()).isZero();
      assertThat(ue.messages()).contains("Security-Server: sdes-srtp;mediasec");
    }

    // Kamailio's location table, read over its ctl socket: the UE's contact, reached through the P-CSCF's core side
    String bindings = chain.kamailio.ulDump();
    assertThat(bindings).contains("AoR: sippue")
        .contains("Address: sip:sippue@127.0.0.1:" + uePort)
        .contains("Path: <sip:127.0.0.1:" + chain.corePort());

    // the REGISTER on the wire between the P-CSCF and Kamailio, and as Kamailio logged it: no media-plane security
    List<String> onTheWire = chain.tap.toServer().stream().filter(m -> m.startsWith("REGISTER ")).toList();
    assertThat(onTheWire).singleElement().satisfies(register -> {
      assertThat(register.toLowerCase()).doesNotContain("mediasec").doesNotContain("sdes-srtp")
          .doesNotContain("security-verify").doesNotContain("sec-agree");
      // security agreement stays on the UE's hop (TS 24.228: the P-CSCF removes Security-Client toward the core)
      assertThat(SipText.values(register, "Security-Client")).isEmpty();
      assertThat(register).doesNotContain("ipsec-3gpp");
      assertThat(SipText.entries(register, "Path")).singleElement().asString()
          .startsWith("<sip:127.0.0.1:" + chain.corePort());
    });
    assertThat(chain.kamailio.received("REGISTER")).singleElement()
        .satisfies(register -> assertThat(register.toLowerCase()).doesNotContain("mediasec").doesNotContain("sdes-srtp"));

    // the P-CSCF kept the indication with the binding the registrar accepted
    assertThat(chain.pcscf.registrations().findByContact("sip:sippue@127.0.0.1:" + uePort).orElseThrow().e2aeAgreed())
        .isTrue();
    assertThat(chain.gatewayView.seen()).isEmpty();
  }

  @Test
  void givenUeWithoutMediasec_whenItRegistersThroughThePcscf_thenKamailioStoresItAndTheUeIsOfferedNoE2ae()
      throws Exception {
    try (var ue = new SipUa("plainue")) {
      String ok = ue.register(chain.accessPort(), "ims.test");
      assertThat(SipText.firstLine(ok)).isEqualTo("SIP/2.0 200 OK");
      assertThat(SipText.values(ok, "Security-Server")).isEmpty();
      assertThat(chain.kamailio.ulDump()).contains("AoR: plainue").contains("Address: " + ue.contactUri());
      assertThat(chain.pcscf.registrations().findByContact(ue.contactUri()).orElseThrow().e2aeAgreed()).isFalse();
    }
  }

  @Test
  void givenUeRegisteredWithMediasec_whenItDeregisters_thenKamailioAndThePcscfDropTheBindingAndCallsToItEndAtTheCore()
      throws Exception {
    try (var ue = new SipUa("leaving"); var caller = new SipUa("carol")) {
      String ok = ue.register(chain.accessPort(), "ims.test", "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.values(ok, "Security-Server")).containsExactly("sdes-srtp;mediasec");
      assertThat(chain.kamailio.ulDump()).contains("AoR: leaving");

      String bye = ue.register(chain.accessPort(), "ims.test", 0, "Security-Client: sdes-srtp;mediasec");
      assertThat(SipText.status(bye)).isEqualTo(200);
      assertThat(chain.kamailio.ulDump()).doesNotContain("AoR: leaving");
      assertThat(chain.pcscf.registrations().findByContact(ue.contactUri())).isEmpty();

      var pending = caller.sendInvite(chain.kamailio.port(), "sip:leaving@ims.test", "core.test",
          E2aeCallTest.plainRtp(40_000));
      assertThat(SipText.status(caller.awaitAnswer(pending).answer())).isEqualTo(404);
      assertThat(chain.gatewayView.seen()).isEmpty();
    }
  }
}
