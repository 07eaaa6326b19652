package ims.pcscf.sip;

import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.RegistrationStore;
import ims.pcscf.registration.Transport;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import javax.sip.SipException;

/** A running proxy between a raw UE socket (access side) and a raw registrar socket (core side). */
final class ProxyHarness implements AutoCloseable {
  final RawSipPeer ue;
  final RawSipPeer registrar;
  final PcscfProxy proxy;
  final Endpoint access;
  final Endpoint core;

  ProxyHarness(PcscfPolicy policy) throws IOException, SipException {
    this(policy, Clock.systemUTC(), ProxyConfig.DEFAULT_MAX_BINDINGS, ProxyConfig.DEFAULT_T1);
  }

  ProxyHarness(PcscfPolicy policy, Clock clock, int maxBindings, Duration coreT1) throws IOException, SipException {
    this(policy, clock, maxBindings, coreT1, null);
  }

  /** With {@code tcpNextHopPort} set, requests toward the core go over TCP to that port instead. */
  ProxyHarness(PcscfPolicy policy, Clock clock, int maxBindings, Duration coreT1, Integer tcpNextHopPort)
      throws IOException, SipException {
    ue = new RawSipPeer();
    registrar = new RawSipPeer();
    access = FreePorts.loopbackEndpoint();
    core = FreePorts.loopbackEndpoint();
    var config = new ProxyConfig(
        "pcscf-test-" + UUID.randomUUID(),
        access,
        core,
        tcpNextHopPort == null
            ? new NextHop("127.0.0.1", registrar.port(), Transport.UDP)
            : new NextHop("127.0.0.1", tcpNextHopPort, Transport.TCP),
        ProxyConfig.DEFAULT_MAX_MESSAGE_SIZE,
        maxBindings,
        coreT1);
    proxy = PcscfProxy.start(config, policy, new RegistrationStore(clock, maxBindings), clock);
  }

  @Override
  public void close() {
    proxy.close();
    ue.close();
    registrar.close();
  }
}
