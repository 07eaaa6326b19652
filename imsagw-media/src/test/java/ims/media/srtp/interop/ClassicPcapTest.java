package ims.media.srtp.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The reader against the facts the capture's README states (packet count, addresses, ports, SSRC). */
@Timeout(30)
class ClassicPcapTest {

  @Test
  void givenMarseillaiseCapture_whenRead_thenEthernetWith11888DatagramsFrom10_1_1_1To10_2_2_2OnPort10000()
      throws IOException {
    ClassicPcap.Capture capture = ClassicPcap.read(MarseillaiseCapture.FILE);

    assertThat(capture.linkType()).isEqualTo(ClassicPcap.LINKTYPE_ETHERNET);
    assertThat(capture.skippedRecords()).isZero();
    assertThat(capture.datagrams()).hasSize(11_888).allSatisfy(d -> {
      assertThat(d.srcAddress()).isEqualTo(0x0a010101);
      assertThat(d.dstAddress()).isEqualTo(0x0a020202);
      assertThat(d.srcPort()).isEqualTo(10_000);
      assertThat(d.dstPort()).isEqualTo(10_000);
      ByteBuffer rtp = ByteBuffer.wrap(d.payload());
      assertThat(rtp.get(0) & 0xc0).as("RTP version 2").isEqualTo(0x80);
      assertThat(rtp.get(1) & 0x7f).as("payload type PCMA").isEqualTo(8);
      assertThat(rtp.getInt(8)).as("SSRC").isEqualTo(0xdeadbeef);
    });
    long durationMicros = capture.datagrams().getLast().timestampMicros()
        - capture.datagrams().getFirst().timestampMicros();
    assertThat(durationMicros).isBetween(237_000_000L, 238_500_000L);
  }
}
