package ims.iq.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import ims.iq.codec.IqCodec;
import ims.iq.codec.IqDecodeException;
import ims.iq.message.ActionRequest;
import ims.iq.message.Add;
import ims.iq.message.AuditValue;
import ims.iq.message.ContextId;
import ims.iq.message.LocalControl;
import ims.iq.message.MId;
import ims.iq.message.Media;
import ims.iq.message.Message;
import ims.iq.message.Modify;
import ims.iq.message.PropertyParm;
import ims.iq.message.SdpText;
import ims.iq.message.Stream;
import ims.iq.message.StreamMode;
import ims.iq.message.StreamParms;
import ims.iq.message.Subtract;
import ims.iq.message.TerminationId;
import ims.iq.message.TerminationState;
import ims.iq.message.Transaction;
import ims.iq.message.TransactionReply;
import ims.iq.message.TransactionRequest;
import ims.iq.message.TransactionResponseAck;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkSecurity;
import ims.iq.transport.MessageCodec;
import ims.iq.transport.UdpTransportConfig;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random and mutated datagrams thrown at a running gateway from a peer that is not allowed and from
 * the allowed one: the stranger never gets a datagram back, nothing escapes the pipeline, and the
 * gateway still answers a link check after each one.
 */
class GatewayPipelineFuzzProperties {
  private static final MId CONTROLLER = MId.domain("pcscf1.example.net", 2944);
  private static final AtomicLong NEXT_ID = new AtomicLong(1_000_000);
  private static DatagramSocket allowed;
  private static DatagramSocket stranger;
  private static IqGatewayServer gateway;

  @BeforeContainer
  static void start() throws Exception {
    allowed = new DatagramSocket(0, IqGatewayServerTest.LOOPBACK);
    stranger = new DatagramSocket(0, IqGatewayServerTest.LOOPBACK);
    var peer = new InetSocketAddress(IqGatewayServerTest.LOOPBACK, allowed.getLocalPort());
    var config = new UdpTransportConfig(new InetSocketAddress(IqGatewayServerTest.LOOPBACK, 0),
        LinkSecurity.loopbackOnly(List.of(AllowedPeer.of(peer))));
    // Registration goes to the raw socket and is never answered: the gateway serves requests regardless.
    gateway = IqGatewayServer.start(new GatewayConfig(config, MId.domain("agw1.example.net", 2944), peer,
        IqGatewayServerTest.fast(), Optional.empty(), 1, Duration.ofMillis(20)), new RecordingGatewayHandler(),
        MessageCodec.TEXT, Runnable::run);
  }

  @AfterContainer
  static void stop() {
    gateway.close();
    allowed.close();
    stranger.close();
  }

  @Property(tries = 250)
  void aStrangerIsNeverAnsweredAndThePipelineNeverThrows(@ForAll("datagrams") byte[] datagram) throws Exception {
    send(stranger, datagram);
    send(allowed, datagram);
    linkCheckAnswered();
    stranger.setSoTimeout(1);
    try {
      stranger.receive(new DatagramPacket(new byte[65_535], 65_535));
      throw new AssertionError("the gateway answered a peer that is not on the allow-list");
    } catch (SocketTimeoutException expected) {
      // Nothing for the stranger.
    }
    assertThat(gateway.transportStats().listenerFailures()).isZero();
  }

  @Provide
  Arbitrary<byte[]> datagrams() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(2_000);
    Arbitrary<byte[]> mutated = Combinators.combine(Arbitraries.of(corpus()), Arbitraries.integers().between(1, 8),
        Arbitraries.longs()).as(GatewayPipelineFuzzProperties::mutate);
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, random), net.jqwik.api.Tuple.of(3, mutated));
  }

  private static List<byte[]> corpus() {
    var sdp = SdpText.of("v=0\r\nc=IN IP4 $\r\nm=audio $ RTP/SAVP 96\r\n"
        + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^31\r\n");
    var add = Add.of(TerminationId.CHOOSE, Media.of(TerminationState.of(PropertyParm.quoted("ipdc/realm", "access")),
        new Stream(1, new StreamParms(Optional.of(LocalControl.of(StreamMode.SEND_RECEIVE)), Optional.of(sdp),
            Optional.empty(), Optional.empty()))));
    var modify = Modify.of(TerminationId.of("ip/1/access/1"),
        Media.of(new Stream(1, StreamParms.of(LocalControl.of(StreamMode.INACTIVE)))));
    return List.of(
        encode(new TransactionRequest(1, List.of(ActionRequest.of(ContextId.CHOOSE, add)))),
        encode(new TransactionRequest(2, List.of(ActionRequest.of(ContextId.of(1), modify)))),
        encode(new TransactionRequest(3, List.of(ActionRequest.of(ContextId.of(1), Subtract.of(TerminationId.of("ip/1/access/1")))))),
        encode(new TransactionRequest(4, List.of(ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat())))),
        encode(TransactionResponseAck.of(1, 2, 3)),
        encode(TransactionReply.of(5, ims.iq.message.ActionReply.of(ContextId.NULL, ims.iq.message.NotifyReply.of(TerminationId.ROOT)))));
  }

  private static byte[] encode(Transaction transaction) {
    return IqCodec.encodeToBytes(Message.of(CONTROLLER, transaction));
  }

  /** Flips, inserts, deletes or truncates, {@code edits} times, from a seed. */
  static byte[] mutate(byte[] original, int edits, long seed) {
    var random = new java.util.Random(seed);
    byte[] b = original.clone();
    for (int i = 0; i < edits && b.length > 0; i++) {
      int at = random.nextInt(b.length);
      b = switch (random.nextInt(4)) {
        case 0 -> {
          b[at] = (byte) random.nextInt(256);
          yield b;
        }
        case 1 -> {
          byte[] longer = new byte[b.length + 1];
          System.arraycopy(b, 0, longer, 0, at);
          longer[at] = (byte) "{}=,$*-\r\n\"".charAt(random.nextInt(10));
          System.arraycopy(b, at, longer, at + 1, b.length - at);
          yield longer;
        }
        case 2 -> {
          byte[] shorter = new byte[b.length - 1];
          System.arraycopy(b, 0, shorter, 0, at);
          System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
          yield shorter;
        }
        default -> Arrays.copyOf(b, at);
      };
    }
    return b;
  }

  /** Sends a ROOT link check with a fresh id from the allowed socket and waits for its reply. */
  private static void linkCheckAnswered() throws Exception {
    long id = NEXT_ID.getAndIncrement();
    send(allowed, encode(new TransactionRequest(id, List.of(ActionRequest.of(ContextId.NULL, AuditValue.rootHeartbeat())))));
    allowed.setSoTimeout(5_000);
    long deadline = System.nanoTime() + 5_000_000_000L;
    while (System.nanoTime() < deadline) {
      var packet = new DatagramPacket(new byte[65_535], 65_535);
      allowed.receive(packet);
      try {
        Message reply = IqCodec.decode(Arrays.copyOf(packet.getData(), packet.getLength()));
        for (Transaction t : reply.transactions()) {
          if (t instanceof TransactionReply r && r.id() == id) return;
        }
      } catch (IqDecodeException e) {
        throw new AssertionError("the gateway sent something our own codec cannot read: "
            + new String(packet.getData(), 0, Math.min(80, packet.getLength()), StandardCharsets.US_ASCII), e);
      }
    }
    throw new AssertionError("no reply to link check " + id);
  }

  private static void send(DatagramSocket socket, byte[] data) throws Exception {
    socket.send(new DatagramPacket(data, data.length, gateway.localAddress()));
  }
}
