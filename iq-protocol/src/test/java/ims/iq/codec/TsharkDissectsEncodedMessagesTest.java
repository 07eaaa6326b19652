package ims.iq.codec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Wireshark's megaco dissector (tshark) reads every message we encode without a malformed or expert warning. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
class TsharkDissectsEncodedMessagesTest {
  private static final String CONTROL = "control/indented-brace";
  private final List<String> names = new ArrayList<>();
  private String verbose;
  private List<String[]> fields;

  @BeforeAll
  void dissect(@TempDir Path dir) throws Exception {
    ExternalTool.require("tshark", "tshark");
    var payloads = new ArrayList<byte[]>();
    for (var named : IqCallFlow.all()) {
      for (TokenStyle style : TokenStyle.values()) {
        names.add(named.name() + "/" + style);
        payloads.add(IqCodec.encodeToBytes(named.message(), style));
      }
    }
    // Control frame: SDP followed by indentation before the closing brace, which Wireshark flags.
    names.add(CONTROL);
    payloads.add(("MEGACO/3 <pcscf1.example.net>:2944\nTransaction = 7 { Context = - { Modify = ip/1/access/17 {"
        + " Media { Local {\nv=0\nc=IN IP4 192.0.2.1\nm=audio 4000 RTP/AVP 0\n      } } } } }\n")
        .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    Path pcap = Files.write(dir.resolve("iq.pcap"), PcapWriter.udpCapture(payloads));
    var v = ExternalTool.run(List.of("tshark", "-n", "-r", pcap.toString(), "-V"), dir, 60);
    assertThat(v.exitCode()).as(v.stderr()).isZero();
    verbose = v.stdout();
    var f = ExternalTool.run(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "fields", "-E", "separator=|",
        "-E", "occurrence=a", "-E", "aggregator=,", "-e", "frame.number", "-e", "megaco.transid", "-e", "megaco.context",
        "-e", "megaco.command", "-e", "megaco.termid", "-e", "sdp.crypto.crypto_suite", "-e", "megaco.error_code",
        "-e", "megaco.mode", "-e", "megaco.ipdc_realm", "-e", "megaco.pkgdname", "-e", "_ws.malformed",
        "-e", "_ws.expert.severity"), dir, 60);
    assertThat(f.exitCode()).as(f.stderr()).isZero();
    fields = f.stdout().lines().map(line -> line.split("\\|", -1)).toList();
  }

  private String[] frame(String name) {
    return fields.get(names.indexOf(name));
  }

  @Test
  void noFrameIsMalformedOrCarriesAnExpertWarning() {
    var bad = new ArrayList<String>();
    for (int i = 0; i < names.size() - 1; i++) {
      String[] f = fields.get(i);
      if (!f[10].isEmpty() || !f[11].isEmpty()) bad.add(names.get(i) + " malformed=" + f[10] + " expert=" + f[11]);
    }
    assertThat(bad).as(verbose).isEmpty();
    String ours = verbose.substring(0, verbose.lastIndexOf("\nFrame " + names.size() + ":"));
    assertThat(ours).doesNotContain("Malformed").doesNotContain("Invalid SDP");
    assertThat(fields).hasSize(names.size());
  }

  @Test
  void controlFrameWithIndentedClosingBraceIsFlagged() {
    String[] control = frame(CONTROL);
    assertThat(control[10] + control[11]).isNotEmpty();
  }

  @Test
  void transactionContextCommandAndTerminationAreDissected() {
    for (TokenStyle style : TokenStyle.values()) {
      String[] f = frame("configure-access-ue-key/" + style);
      assertThat(f[1]).isEqualTo("1003");
      assertThat(f[2].split(",")).containsOnly("4711");
      assertThat(f[3]).isIn("Modify", "MF");
      assertThat(f[4]).isEqualTo("ip/1/access/17");
    }
  }

  @Test
  void sdesCryptoSuiteInsideRemoteAndLocalIsVisible() {
    assertThat(frame("configure-access-ue-key/PRETTY")[5]).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    assertThat(frame("reserve-access-reply/COMPACT")[5]).isEqualTo("AES_CM_128_HMAC_SHA1_80");
    byte[] ueKey = java.util.Base64.getDecoder().decode(IqCallFlow.UE_KEY);
    String masterKeyHex = java.util.HexFormat.of().formatHex(ueKey, 0, 16);
    assertThat(verbose).contains("Master Key: " + masterKeyHex);
  }

  @Test
  void realmModeAndErrorCodeAreDissected() {
    assertThat(frame("change-through-connection/PRETTY")[7]).containsIgnoringCase("Inactive");
    assertThat(frame("error-449/PRETTY")[6]).isEqualTo("449");
    assertThat(frame("reserve-access/PRETTY")[9]).contains("hangterm/thb");
  }
}
