package ims.benchmarks.sdes;

import ims.sdes.e2ae.CryptoPolicy;
import ims.sdes.e2ae.E2aeResult;
import ims.sdes.e2ae.MediaAnchor;
import ims.sdes.e2ae.OriginatingOffer;
import ims.sdes.e2ae.OriginatingTransforms;
import ims.sdes.sdp.Sdp;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the P-CSCF does per originating INVITE with e2ae: parse the UE's SDP offer (a typical VoLTE audio
 * offer of about 1 KB, two crypto lines, RFC 5939-free), choose the crypto line, rewrite it for the core,
 * and format the core offer. Target (issue 3): at least 200,000 per second on one core.
 *
 * <p>Run: {@code java -jar benchmarks/target-<dir>/benchmarks.jar SdesTransform -f 1 -wi 3 -i 5 -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SdesTransformBenchmark {

  /** A VoLTE UE offer (AMR-WB/AMR, DTMF, preconditions, SDES with e2ae request), 1,0xx bytes. */
  static final String VOLTE_OFFER = String.join("\r\n",
      "v=0",
      "o=rue 3058 3058 IN IP4 10.0.39.110",
      "s=-",
      "c=IN IP4 10.0.39.110",
      "b=AS:41",
      "b=RR:1537",
      "b=RS:512",
      "t=0 0",
      "m=audio 31000 RTP/SAVP 116 107 118 96 111 110",
      "b=AS:41",
      "b=RR:1537",
      "b=RS:512",
      "a=rtpmap:116 AMR-WB/16000/1",
      "a=fmtp:116 mode-change-capability=2;max-red=0",
      "a=rtpmap:107 AMR-WB/16000/1",
      "a=fmtp:107 octet-align=1;mode-change-capability=2;max-red=0",
      "a=rtpmap:118 AMR/8000/1",
      "a=fmtp:118 mode-change-capability=2;max-red=0",
      "a=rtpmap:96 AMR/8000/1",
      "a=fmtp:96 octet-align=1;mode-change-capability=2;max-red=0",
      "a=rtpmap:111 telephone-event/16000",
      "a=fmtp:111 0-15",
      "a=rtpmap:110 telephone-event/8000",
      "a=fmtp:110 0-15",
      "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 FEC_ORDER=FEC_SRTP",
      "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:NzB4d1BINUAvLEw6UzF3WSJ+PSdFcGdUJShpX1Zj|2^20|1:32",
      "a=3ge2ae:requested",
      "a=curr:qos local none",
      "a=curr:qos remote none",
      "a=des:qos mandatory local sendrecv",
      "a=des:qos optional remote sendrecv",
      "a=sendrecv",
      "a=rtcp:31001",
      "a=ptime:20",
      "a=maxptime:240",
      "") ;

  static final Map<Integer, MediaAnchor> CORE_ANCHORS = Map.of(0, MediaAnchor.of("192.0.2.10", 30000));

  @Setup
  public void check() {
    if (VOLTE_OFFER.length() < 900 || VOLTE_OFFER.length() > 1200) {
      throw new IllegalStateException("the offer should be about 1 KB, is " + VOLTE_OFFER.length());
    }
    if (!(OriginatingTransforms.offer(Sdp.parse(VOLTE_OFFER), CryptoPolicy.DEFAULT, CORE_ANCHORS)
        instanceof E2aeResult.Ok<OriginatingOffer>)) {
      throw new IllegalStateException("the offer must be accepted");
    }
  }

  /** Parse, classify, choose a crypto line, rewrite for the core, format the core body; wipe the kept UE key. */
  @Benchmark
  public String parseAndOriginatingOffer() {
    var result = OriginatingTransforms.offer(Sdp.parse(VOLTE_OFFER), CryptoPolicy.DEFAULT, CORE_ANCHORS);
    if (result instanceof E2aeResult.Ok<OriginatingOffer> ok) {
      try (OriginatingOffer offer = ok.value()) {
        return offer.coreOffer().format();
      }
    }
    throw new IllegalStateException("rejected");
  }

  /** Parse alone, as a reference for the transform's share. */
  @Benchmark
  public Sdp parseOnly() {
    return Sdp.parse(VOLTE_OFFER);
  }
}
