package ims.pcscf.policy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ims.sdes.attribute.SrtpSuite;
import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class PcscfPolicyTest {

  private static RegistrationContext from(String address, String accessType) throws Exception {
    return new RegistrationContext(InetAddress.getByName(address), Optional.ofNullable(accessType));
  }

  private static PcscfPolicy policy(boolean byDefault, E2aeRule... rules) {
    return new PcscfPolicy(true, List.of(rules), byDefault,
        List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80), E2aeUnavailableAction.REJECT_488);
  }

  @Test
  void givenPAccessNetworkInfoWithParameters_whenAccessTypeRead_thenFirstTokenOnly() {
    assertThat(RegistrationContext.accessTypeOf("3GPP-E-UTRAN-FDD; utran-cell-id-3gpp=2340100011234567"))
        .contains("3GPP-E-UTRAN-FDD");
    assertThat(RegistrationContext.accessTypeOf("ieee-802.11;i-wlan-node-id=ffffff")).contains("IEEE-802.11");
    assertThat(RegistrationContext.accessTypeOf("  ")).isEmpty();
  }

  @Test
  void givenAccessTypeRule_whenUeReportsThatTypeInAnyCase_thenRuleDecides() throws Exception {
    PcscfPolicy p = policy(true, new E2aeRule(new AccessMatch.AccessType("IEEE-802.11"), false));
    assertThat(p.offersE2ae(from("10.0.0.1", "ieee-802.11"))).isFalse();
    assertThat(p.offersE2ae(from("10.0.0.1", "3GPP-E-UTRAN-FDD"))).isTrue();
    assertThat(p.offersE2ae(from("10.0.0.1", null))).isTrue();
  }

  @Test
  void givenSourcePrefixRules_whenUeAddressInsideOrOutside_thenMatchedBitwise() throws Exception {
    PcscfPolicy p = policy(false,
        new E2aeRule(new AccessMatch.SourcePrefix(InetAddress.getByName("10.20.0.0"), 14), true),
        new E2aeRule(new AccessMatch.SourcePrefix(InetAddress.getByName("2001:db8::"), 32), true));
    assertThat(p.offersE2ae(from("10.23.255.255", null))).isTrue();  // 10.20.0.0/14 = 10.20-10.23
    assertThat(p.offersE2ae(from("10.24.0.0", null))).isFalse();
    assertThat(p.offersE2ae(from("2001:db8:1::5", null))).isTrue();
    assertThat(p.offersE2ae(from("2001:db9::5", null))).isFalse();
    assertThat(p.offersE2ae(from("::ffff:0a14:0001", null))).isTrue(); // IPv4-mapped: Java yields 10.20.0.1
  }

  @Test
  void givenOverlappingRules_whenEvaluated_thenFirstMatchWins() throws Exception {
    PcscfPolicy p = policy(true,
        new E2aeRule(new AccessMatch.SourcePrefix(InetAddress.getByName("192.0.2.0"), 24), false),
        new E2aeRule(new AccessMatch.Any(), true));
    assertThat(p.offersE2ae(from("192.0.2.7", null))).isFalse();
    assertThat(p.offersE2ae(from("198.51.100.7", null))).isTrue();
  }

  @Test
  void givenIncapablePcscf_whenAsked_thenNeverOffers() throws Exception {
    assertThat(PcscfPolicy.E2AE_DISABLED.offersE2ae(from("10.0.0.1", null))).isFalse();
    assertThat(PcscfPolicy.DEFAULT.offersE2ae(from("10.0.0.1", null))).isTrue();
  }

  @Test
  void givenOfferedSuites_whenPreferredChosen_thenPolicyOrderNotOfferOrder() {
    var p = new PcscfPolicy(true, List.of(), true,
        List.of(SrtpSuite.AEAD_AES_128_GCM, SrtpSuite.AES_CM_128_HMAC_SHA1_80), E2aeUnavailableAction.FORWARD_AS_IS);
    assertThat(p.preferredAmong(List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AEAD_AES_128_GCM)))
        .contains(SrtpSuite.AEAD_AES_128_GCM);
    assertThat(p.preferredAmong(List.of(SrtpSuite.AES_256_CM_HMAC_SHA1_80))).isEmpty();
  }

  @Test
  void givenInconsistentPolicy_whenBuilt_thenProgrammerError() throws Exception {
    assertThatThrownBy(() -> new PcscfPolicy(true, List.of(), true, List.of(), E2aeUnavailableAction.REJECT_488))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PcscfPolicy(true, List.of(), true,
        List.of(SrtpSuite.AES_CM_128_HMAC_SHA1_80, SrtpSuite.AES_CM_128_HMAC_SHA1_80), E2aeUnavailableAction.REJECT_488))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new AccessMatch.SourcePrefix(InetAddress.getByName("10.0.0.0"), 33))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
