package ims.iq.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(20)
class UdpTransportTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private record Received(InetSocketAddress sender, byte[] bytes) {}

  @Test
  void givenAllowedPeer_whenItSendsADatagram_thenListenerGetsTheExactBytes() throws Exception {
    var inbox = new LinkedBlockingQueue<Received>();
    try (var peer = new DatagramSocket(0, LOOPBACK);
        var transport = UdpTransport.bind(config(List.of(new AllowedPeer(LOOPBACK, peer.getLocalPort()))),
            (s, b) -> inbox.add(new Received(s, b)))) {
      byte[] message = "MEGACO/3 [127.0.0.1]:1 Transaction = 1 { }".getBytes(StandardCharsets.US_ASCII);
      peer.send(new DatagramPacket(message, message.length, transport.localAddress()));
      Received got = inbox.poll(5, TimeUnit.SECONDS);
      assertThat(got).isNotNull();
      assertThat(got.bytes()).isEqualTo(message);
      assertThat(got.sender().getPort()).isEqualTo(peer.getLocalPort());
    }
  }

  @Test
  void givenPeerNotOnAllowList_whenItSends_thenDroppedAndCountedAndListenerNotCalled() throws Exception {
    var inbox = new LinkedBlockingQueue<Received>();
    try (var allowed = new DatagramSocket(0, LOOPBACK);
        var stranger = new DatagramSocket(0, LOOPBACK);
        var transport = UdpTransport.bind(config(List.of(new AllowedPeer(LOOPBACK, allowed.getLocalPort()))),
            (s, b) -> inbox.add(new Received(s, b)))) {
      byte[] junk = {1, 2, 3};
      stranger.send(new DatagramPacket(junk, junk.length, transport.localAddress()));
      // The allowed peer's datagram sent afterwards arrives; by then the stranger's has been handled.
      allowed.send(new DatagramPacket(junk, junk.length, transport.localAddress()));
      Received got = inbox.poll(5, TimeUnit.SECONDS);
      assertThat(got.sender().getPort()).isEqualTo(allowed.getLocalPort());
      assertThat(inbox).isEmpty();
      assertThat(transport.stats().droppedNotAllowed()).isEqualTo(1);
    }
  }

  @Test
  void givenDatagramLargerThanTheCap_whenReceived_thenDroppedAsOversize() throws Exception {
    var inbox = new LinkedBlockingQueue<Received>();
    try (var peer = new DatagramSocket(0, LOOPBACK);
        var transport = UdpTransport.bind(new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0),
            LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK))), 1_024),
            (s, b) -> inbox.add(new Received(s, b)))) {
      byte[] big = new byte[1_025];
      byte[] small = new byte[1_024];
      peer.send(new DatagramPacket(big, big.length, transport.localAddress()));
      peer.send(new DatagramPacket(small, small.length, transport.localAddress()));
      assertThat(inbox.poll(5, TimeUnit.SECONDS).bytes()).hasSize(1_024);
      assertThat(transport.stats().droppedOversize()).isEqualTo(1);
    }
  }

  @Test
  void givenListenerThatThrows_whenMessagesArrive_thenTransportKeepsDelivering() throws Exception {
    var inbox = new LinkedBlockingQueue<Received>();
    try (var peer = new DatagramSocket(0, LOOPBACK);
        var transport = UdpTransport.bind(config(List.of(AllowedPeer.anyPort(LOOPBACK))), (s, b) -> {
          if (b[0] == 'x') throw new IllegalStateException("boom");
          inbox.add(new Received(s, b));
        })) {
      peer.send(new DatagramPacket(new byte[] {'x'}, 1, transport.localAddress()));
      peer.send(new DatagramPacket(new byte[] {'y'}, 1, transport.localAddress()));
      assertThat(inbox.poll(5, TimeUnit.SECONDS).bytes()).containsExactly('y');
      assertThat(transport.stats().listenerFailures()).isEqualTo(1);
    }
  }

  @Test
  void givenPeerNotOnAllowList_whenSendingToIt_thenRefused() {
    try (var transport = UdpTransport.bind(config(List.of(new AllowedPeer(LOOPBACK, 9))), (s, b) -> {})) {
      assertThatThrownBy(() -> transport.send(new InetSocketAddress(LOOPBACK, 10), new byte[] {1}))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("allow-list");
    }
  }

  @Test
  void givenNonLoopbackPeerAndNoProtection_whenConfigured_thenRefusedAtStart() throws Exception {
    var remote = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10});
    assertThatThrownBy(() -> LinkSecurity.loopbackOnly(List.of(new AllowedPeer(remote, 2944))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("192.0.2.10")
        .hasMessageContaining("IPsec");
  }

  @Test
  void givenNonLoopbackPeerOnAnIpsecLink_whenConfigured_thenAccepted() throws Exception {
    var remote = InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, 10});
    var security = new LinkSecurity(List.of(new AllowedPeer(remote, 2944)), LinkProtection.IPSEC);
    assertThat(security.allows(new InetSocketAddress(remote, 2944))).isTrue();
    assertThat(security.allows(new InetSocketAddress(remote, 2945))).isFalse();
  }

  @Test
  void givenUnprotectedLink_whenBindingToANonLoopbackAddress_thenRefused() throws Exception {
    var any = new InetSocketAddress(InetAddress.getByAddress(new byte[] {0, 0, 0, 0}), 0);
    assertThatThrownBy(() -> new UdpTransportConfig(any, LinkSecurity.loopbackOnly(List.of(AllowedPeer.anyPort(LOOPBACK)))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("without link protection");
  }

  @Test
  void givenClosedTransport_whenClosedAgain_thenNothingHappens() {
    var transport = UdpTransport.bind(config(List.of(AllowedPeer.anyPort(LOOPBACK))), (s, b) -> {});
    transport.close();
    transport.close();
    assertThat(transport.executor().isShutdown()).isTrue();
  }

  private static UdpTransportConfig config(List<AllowedPeer> peers) {
    return new UdpTransportConfig(new InetSocketAddress(LOOPBACK, 0), LinkSecurity.loopbackOnly(peers));
  }
}
