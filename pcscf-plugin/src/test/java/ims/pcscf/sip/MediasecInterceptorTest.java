package ims.pcscf.sip;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import gov.nist.javax.sip.header.HeaderFactoryImpl;
import gov.nist.javax.sip.message.MessageFactoryImpl;
import ims.pcscf.api.Interception;
import ims.pcscf.api.PcscfInterceptor;
import ims.pcscf.api.Side;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.MutableClock;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.SipUriKey;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import org.junit.jupiter.api.Test;

/** The interceptor on JAIN-SIP message objects, without any network (the plugin-API view). */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MediasecInterceptorTest {

  private final MessageFactory messages = new MessageFactoryImpl();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
  private final InetSocketAddress ue = new InetSocketAddress("192.0.2.10", 5060);

  private Request register(String contactExpires, String... headers) throws Exception {
    var text = new StringBuilder("REGISTER sip:ims.example.net SIP/2.0\r\n"
        + "Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bK1\r\nMax-Forwards: 70\r\n"
        + "From: <sip:alice@ims.example.net>;tag=a\r\nTo: <sip:alice@ims.example.net>\r\n"
        + "Call-ID: c1\r\nCSeq: 1 REGISTER\r\nContact: " + contactExpires + "\r\n");
    for (String h : headers) {
      text.append(h).append("\r\n");
    }
    return messages.createRequest(text.append("Content-Length: 0\r\n\r\n").toString());
  }

  private PcscfInterceptor started(RegistrationStore store, PcscfPolicy policy) {
    PcscfInterceptor i = new MediasecInterceptor(policy, store, new HeaderFactoryImpl(), clock);
    i.start();
    return i;
  }

  @Test
  void givenInterceptorNotStartedOrStopped_whenCalled_thenIllegalState() throws Exception {
    var i = new MediasecInterceptor(PcscfPolicy.DEFAULT, new RegistrationStore(clock, 10), new HeaderFactoryImpl(), clock);
    Request r = register("<sip:alice@192.0.2.10>");
    assertThatThrownBy(() -> i.onRequest(Side.ACCESS, r, ue, "UDP")).isInstanceOf(IllegalStateException.class);
    i.start();
    assertThat(i.isRunning()).isTrue();
    assertThatThrownBy(i::start).isInstanceOf(IllegalStateException.class);
    i.stop();
    i.stop();
    assertThat(i.isRunning()).isFalse();
    assertThatThrownBy(() -> i.onRequest(Side.ACCESS, r, ue, "UDP")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void givenExpiresHeaderOnlyInAnswer_whenStored_thenHeaderValueIsTheExpiry() throws Exception {
    var store = new RegistrationStore(clock, 10);
    PcscfInterceptor i = started(store, PcscfPolicy.DEFAULT);
    Request r = register("<sip:alice@192.0.2.10>", "Security-Client: sdes-srtp;mediasec");
    var forward = (Interception.Forward) i.onRequest(Side.ACCESS, r, ue, "UDP");
    Response ok = messages.createResponse(200, r);
    ok.addHeader(r.getHeader("Contact")); // no expires parameter
    ok.addHeader(new HeaderFactoryImpl().createExpiresHeader(120));

    i.onResponse(forward.exchange(), ok);

    SipUriKey aor = SipUriKey.of("sip:alice@ims.example.net");
    assertThat(store.find(aor, "sip:alice@192.0.2.10").orElseThrow().expiresAt())
        .isEqualTo(clock.instant().plusSeconds(120));
    clock.advance(Duration.ofSeconds(120));
    assertThat(store.find(aor, "sip:alice@192.0.2.10")).isEmpty();
  }

  @Test
  void givenWildcardDeregistration_whenAnswered_thenEveryBindingOfTheAorRemoved() throws Exception {
    var store = new RegistrationStore(clock, 10);
    PcscfInterceptor i = started(store, PcscfPolicy.DEFAULT);
    Request first = register("<sip:alice@192.0.2.10>;expires=600", "Security-Client: sdes-srtp;mediasec");
    var f1 = (Interception.Forward) i.onRequest(Side.ACCESS, first, ue, "UDP");
    Response ok1 = messages.createResponse(200, first);
    ok1.addHeader(first.getHeader("Contact"));
    i.onResponse(f1.exchange(), ok1);
    assertThat(store.size()).isEqualTo(1);

    Request star = register("*", "Expires: 0");
    var f2 = (Interception.Forward) i.onRequest(Side.ACCESS, star, ue, "UDP");
    Response ok2 = messages.createResponse(200, star);
    i.onResponse(f2.exchange(), ok2);

    assertThat(store.size()).isZero();
    assertThat(ok2.getHeader("Security-Server")).isNull();
  }

  @Test
  void givenFullStore_whenNewUeRegisters_then503AndNothingForwarded() throws Exception {
    var store = new RegistrationStore(clock, 1);
    PcscfInterceptor i = started(store, PcscfPolicy.DEFAULT);
    Request first = register("<sip:alice@192.0.2.10>;expires=600");
    var f1 = (Interception.Forward) i.onRequest(Side.ACCESS, first, ue, "UDP");
    Response ok = messages.createResponse(200, first);
    ok.addHeader(first.getHeader("Contact"));
    i.onResponse(f1.exchange(), ok);

    Interception second = i.onRequest(Side.ACCESS, register("<sip:alice@192.0.2.11>;expires=600"), ue, "UDP");

    assertThat(second).isEqualTo(new Interception.Respond(503, "Registration store full"));
  }

  @Test
  void givenRequestFromCore_whenIntercepted_thenLeftUntouched() throws Exception {
    PcscfInterceptor i = started(new RegistrationStore(clock, 10), PcscfPolicy.DEFAULT);
    Request r = register("<sip:alice@192.0.2.10>", "Security-Verify: sdes-srtp;mediasec");
    String before = r.toString();
    assertThat(i.onRequest(Side.CORE, r, ue, "UDP")).isInstanceOf(Interception.Forward.class);
    assertThat(r.toString()).isEqualTo(before);
  }
}
