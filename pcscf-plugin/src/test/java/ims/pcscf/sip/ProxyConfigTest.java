package ims.pcscf.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.pcscf.api.Warning;
import ims.pcscf.registration.Transport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** What the configuration records accept and refuse (timer C, TLS), and the Warning header value. */
class ProxyConfigTest {

  private static final Endpoint ACCESS = new Endpoint("10.0.0.1", 5060, 5060);
  private static final Endpoint CORE = new Endpoint("10.1.0.1", 5060, 5060);
  private static final NextHop UDP_NEXT_HOP = new NextHop("10.1.0.9", 5060, Transport.UDP);
  private static final TlsConfig TLS = new TlsConfig(Path.of("/etc/pcscf/key.p12"), "key-secret",
      Path.of("/etc/pcscf/trust.p12"), "trust-secret", TlsConfig.ClientAuth.DISABLED);

  @Test
  void givenTheSevenArgumentConstructor_whenBuilt_thenTimerCIsOverThreeMinutesAndNoTls() {
    var config = new ProxyConfig("p", ACCESS, CORE, UDP_NEXT_HOP, 65_536, 10, Duration.ofMillis(500));
    assertThat(config.timerC()).isGreaterThan(Duration.ofMinutes(3));
    assertThat(config.tls()).isEmpty();
    assertThat(config.withTimerC(Duration.ofMillis(300)).timerC()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void givenTimerCOutsideItsRange_whenBuilt_thenRefused() {
    var config = ProxyConfig.of("p", ACCESS, CORE, UDP_NEXT_HOP);
    assertThatThrownBy(() -> config.withTimerC(Duration.ofMillis(5))).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> config.withTimerC(Duration.ofHours(2))).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenATlsPortWithoutKeystore_whenBuilt_thenRefused() {
    assertThatThrownBy(() -> ProxyConfig.of("p", ACCESS.withTlsPort(5061), CORE, UDP_NEXT_HOP))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("TLS");
  }

  @Test
  void givenATlsNextHopWithoutACoreTlsPort_whenBuilt_thenRefused() {
    var tlsNextHop = new NextHop("10.1.0.9", 5061, Transport.TLS);
    assertThatThrownBy(() -> new ProxyConfig("p", ACCESS, CORE, tlsNextHop, 65_536, 10, Duration.ofMillis(500),
        ProxyConfig.DEFAULT_TIMER_C, Optional.of(TLS))).isInstanceOf(IllegalArgumentException.class);
    var config = new ProxyConfig("p", ACCESS, CORE.withTlsPort(5061), tlsNextHop, 65_536, 10, Duration.ofMillis(500),
        ProxyConfig.DEFAULT_TIMER_C, Optional.of(TLS));
    assertThat(config.core().tlsPort()).isEqualTo(OptionalInt.of(5061));
  }

  @Test
  void givenTlsConfig_whenPrinted_thenNeitherPasswordAppears() {
    var config = ProxyConfig.of("p", ACCESS, CORE, UDP_NEXT_HOP).withTls(ACCESS.withTlsPort(5061), CORE, TLS);
    assertThat(config.toString()).contains("key.p12").doesNotContain("key-secret").doesNotContain("trust-secret");
  }

  @Test
  void givenWarningTextWithQuotes_whenFormatted_thenQuotedStringIsEscaped() {
    assertThat(new Warning(399, "IMS-AGW \"agw1\" unavailable").headerValue("pcscf.example.net"))
        .isEqualTo("399 pcscf.example.net \"IMS-AGW \\\"agw1\\\" unavailable\"");
    assertThatThrownBy(() -> new Warning(200, "x")).isInstanceOf(IllegalArgumentException.class);
  }
}
