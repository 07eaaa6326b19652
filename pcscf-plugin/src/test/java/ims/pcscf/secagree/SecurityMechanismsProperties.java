package ims.pcscf.secagree;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SecurityMechanismsProperties {

  @Property(tries = 200)
  void parseNeverThrows(@ForAll @StringLength(max = 5000) String anyText) {
    assertThat(SecurityMechanisms.parse(anyText)).isNotNull();
  }

  @Property(tries = 1000)
  void parseNeverThrowsOnHeaderLikeText(@ForAll("headerLike") String text) {
    assertThat(SecurityMechanisms.parse(text)).isNotNull();
  }

  @Property(tries = 1000)
  void errorOffsetLiesWithinTheInput(@ForAll("headerLike") String text) {
    if (SecurityMechanisms.parse(text) instanceof ParseResult.Err<?> err) {
      assertThat(err.offset()).isBetween(0, text.length());
    }
  }

  @Property(tries = 1000)
  void formatOfParseIsStable(@ForAll("headerLike") String text) {
    if (SecurityMechanisms.parse(text) instanceof ParseResult.Ok<List<SecurityMechanism>> ok) {
      String once = SecurityMechanisms.format(ok.value());
      var again = SecurityMechanisms.parse(once);
      assertThat(again).isEqualTo(ParseResult.ok(ok.value()));
      assertThat(SecurityMechanisms.format(((ParseResult.Ok<List<SecurityMechanism>>) again).value())).isEqualTo(once);
    }
  }

  @Property(tries = 300)
  void formatThenParseRoundTrips(@ForAll("mechanismLists") List<SecurityMechanism> mechanisms) {
    assertThat(SecurityMechanisms.parse(SecurityMechanisms.format(mechanisms))).isEqualTo(ParseResult.ok(mechanisms));
  }

  @Provide
  Arbitrary<String> headerLike() {
    return Arbitraries.strings()
        .withChars("abcsdeiprtq-.01=;,\" \t\r\n\\[]:")
        .ofMaxLength(60)
        .injectDuplicates(0.1)
        .edgeCases(c -> c.add("sdes-srtp;mediasec").add("tls; ").add("a;q=0.1,b"));
  }

  @Provide
  Arbitrary<List<SecurityMechanism>> mechanismLists() {
    Arbitrary<String> token = Arbitraries.strings().withChars("abcXYZ019-.!%*_+`'~").ofMinLength(1).ofMaxLength(10);
    Arbitrary<String> quoted = Arbitraries.strings().withChars("ab ,;=\\\"x").ofMaxLength(8)
        .map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    Arbitrary<Optional<String>> value = Arbitraries.oneOf(
        Arbitraries.just(Optional.<String>empty()), token.map(Optional::of), quoted.map(Optional::of));
    Arbitrary<MechanismParameter> parameter = Combinators.combine(token, value)
        .as(MechanismParameter::new)
        .filter(p -> !p.isNamed("q"));
    Arbitrary<SecurityMechanism> mechanism = Combinators.combine(token, parameter.list().ofMaxSize(5))
        .as(SecurityMechanism::new);
    return mechanism.list().ofMinSize(1).ofMaxSize(6);
  }
}
