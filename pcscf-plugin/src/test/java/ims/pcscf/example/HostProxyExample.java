package ims.pcscf.example;

import gov.nist.javax.sip.message.MessageFactoryImpl;
import ims.pcscf.api.Interception;
import ims.pcscf.api.PcscfInterceptor;
import ims.pcscf.api.PcscfPlugin;
import ims.pcscf.api.Side;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.time.Clock;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * How an operator's own JAIN-SIP proxy hosts the P-CSCF's mediasec logic. Runnable:
 * {@code java ims.pcscf.example.HostProxyExample} prints the REGISTER as the core sees it and the
 * 200 OK as the UE sees it. A real host calls the same two methods from its SipListener:
 * {@code onRequest} before forwarding a request, {@code onResponse} before relaying a response.
 */
public final class HostProxyExample {

  static final String UE_REGISTER = """
      REGISTER sip:ims.example.net SIP/2.0\r
      Via: SIP/2.0/UDP 192.0.2.10:5060;branch=z9hG4bKexample1;rport\r
      Max-Forwards: 70\r
      From: <sip:alice@ims.example.net>;tag=a1\r
      To: <sip:alice@ims.example.net>\r
      Call-ID: example-1@192.0.2.10\r
      CSeq: 1 REGISTER\r
      Contact: <sip:alice@192.0.2.10:5060>;expires=600\r
      Security-Client: sdes-srtp;mediasec\r
      Security-Client: ipsec-3gpp;alg=hmac-sha-1-96;spi-c=1111;spi-s=2222;port-c=5062;port-s=5064\r
      Require: sec-agree\r
      Proxy-Require: sec-agree\r
      Content-Length: 0\r
      \r
      """;

  /** What the example produced: the request toward the core and the answer toward the UE. */
  record Result(Request towardCore, Response towardUe, RegistrationStore store) {}

  static Result run() throws ParseException {
    MessageFactory messages = new MessageFactoryImpl();
    RegistrationStore store = new RegistrationStore(Clock.systemUTC(), 10_000);
    PcscfInterceptor interceptor = PcscfPlugin.newInterceptor(PcscfPolicy.DEFAULT, store, Clock.systemUTC());
    interceptor.start();
    try {
      // 1. The host received a REGISTER from a UE; before forwarding it to the core:
      Request register = messages.createRequest(UE_REGISTER);
      var source = new InetSocketAddress("192.0.2.10", 5060);
      Interception verdict = interceptor.onRequest(Side.ACCESS, register, source, "UDP");
      if (!(verdict instanceof Interception.Forward forward)) {
        throw new IllegalStateException("unexpected verdict " + verdict);
      }
      // ... the host adds its Via and Path, forwards, keeps forward.exchange() with its transaction ...

      // 2. The registrar answered 200 OK; before relaying it to the UE:
      Response ok = messages.createResponse(Response.OK, register);
      ok.addHeader(register.getHeader("Contact"));
      interceptor.onResponse(forward.exchange(), ok);
      return new Result(register, ok, store);
    } finally {
      interceptor.stop();
    }
  }

  public static void main(String[] args) throws ParseException {
    Result result = run();
    System.out.println("=== toward the core ===");
    System.out.println(result.towardCore());
    System.out.println("=== toward the UE ===");
    System.out.println(result.towardUe());
    System.out.println("=== stored ===");
    System.out.println(result.store().findByContact("sip:alice@192.0.2.10:5060").orElseThrow());
  }
}
