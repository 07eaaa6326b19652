package ims.sdes.sdp;

import static org.assertj.core.api.Assertions.assertThat;

import ims.sdes.SdesParseException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the c= grammar: the parser and the record agree, and a parsed body's connection always reads. */
class ConnectionProperties {

  @Property(tries = 2000)
  void parserAcceptsExactlyTheLinesTheRecordAccepts(@ForAll("types") String networkType,
      @ForAll("types") String addressType, @ForAll("addresses") String address) {
    String body = "v=0\r\nc=" + networkType + " " + addressType + " " + address + "\r\nm=audio 4000 RTP/AVP 0\r\n";
    boolean built;
    try {
      new Connection(networkType, addressType, address);
      built = true;
    } catch (IllegalArgumentException e) {
      built = false;
    }
    try {
      Sdp sdp = Sdp.parse(body);
      assertThat(built).as("parsed, so the record must accept it").isTrue();
      assertThat(sdp.connectionOf(0)).contains(new Connection(networkType, addressType, address));
    } catch (SdesParseException e) {
      assertThat(built).as("refused by the parser: " + e.getMessage()).isFalse();
    }
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of("IN", "IN", "IN", "IP4", "IP4", "IP6", "IP6", "ATM", "NSAP", "E164", "in", "I/N", "IP(4)",
        "I\tN");
  }

  @Provide
  Arbitrary<String> addresses() {
    Arbitrary<String> random = Arbitraries.strings().withChars("0123456789abcdefABCDEFxyz.:/-_+ \t\u0001\u007féß")
        .ofMaxLength(24);
    Arbitrary<String> quads = Arbitraries.integers().between(0, 300).list().ofSize(4)
        .map(l -> l.get(0) + "." + l.get(1) + "." + l.get(2) + "." + l.get(3));
    Arbitrary<String> multicast = Arbitraries.integers().between(0, 300).map(ttl -> "233.252.0.1/" + ttl);
    Arbitrary<String> ipv6 = Arbitraries.of("::", "::1", "2001:db8::1", "ff02::1/3", "fe80::1/3", "1:2:3:4:5:6:7:8",
        "1:2:3:4:5:6:7:8:9", "::ffff:192.0.2.1", "1::2::3", ":1", "1:", "ff15::101/0");
    return Arbitraries.oneOf(random, quads, multicast, ipv6);
  }
}
