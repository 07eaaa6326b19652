package ims.iq.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MessageModelTest {
  @Test
  void givenKnownAndUnknownErrorCodes_thenKnownHaveH2488DescriptionAndUnknownAreKept() {
    assertThat(ErrorCode.of(449).description()).contains("Unsupported or Unknown Parameter or Property Value");
    assertThat(ErrorCode.of(445)).isEqualTo(ErrorCode.UNSUPPORTED_PROPERTY);
    assertThat(ErrorCode.of(510).isKnown()).isTrue();
    assertThat(ErrorCode.of(777).isKnown()).isFalse();
    assertThat(ErrorCode.of(777).description()).isEmpty();
    assertThat(ErrorDescriptor.of(ErrorCode.of(777)).text()).isEmpty();
    assertThatThrownBy(() -> ErrorCode.of(10_000)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenReplyWithBothOrNeitherErrorAndActions_thenRejected() {
    var error = ErrorDescriptor.of(ErrorCode.PROTOCOL_ERROR);
    var action = ActionReply.of(ContextId.NULL, NotifyReply.of(TerminationId.ROOT));
    assertThatThrownBy(() -> new TransactionReply(1, false, Optional.of(error), List.of(action)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransactionReply(1, false, Optional.empty(), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenSpecialAndNumberedContexts_thenRangesFollowH248() {
    assertThat(ContextId.Special.CHOOSE.symbol()).isEqualTo("$");
    assertThat(ContextId.of(0xFFFF_FFFDL)).isInstanceOf(ContextId.Numbered.class);
    assertThatThrownBy(() -> ContextId.of(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> ContextId.of(0xFFFF_FFFEL)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new TransactionPending(0x1_0000_0000L)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenTerminationIds_thenRootChooseAndWildcardsAreRecognised() {
    assertThat(TerminationId.of("root")).isEqualTo(TerminationId.ROOT);
    assertThat(TerminationId.CHOOSE.isChoose()).isTrue();
    assertThat(TerminationId.of("ip/1/access/*").isWildcard()).isTrue();
    assertThat(TerminationId.of("ip/1/access/$").isWildcard()).isTrue();
    assertThat(TerminationId.of("ip/1/access/7").isWildcard()).isFalse();
    assertThatThrownBy(() -> TerminationId.of("1abc")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> TerminationId.of("a b")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenValues_thenTokensStayUnquotedAndOthersAreQuoted() {
    assertThat(Value.of("access").quoted()).isFalse();
    assertThat(Value.of("901 Cold Boot").quoted()).isTrue();
    assertThat(Value.of("").quoted()).isTrue();
    assertThatThrownBy(() -> new Value("a b", false)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Value.quoted("say \"hi\"")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenPropertyNames_thenPackageAndPlainNamesAreAcceptedAndOthersRejected() {
    assertThat(PropertyParm.of("ipdc/realm", "access").packageName()).contains("ipdc");
    assertThat(PropertyParm.of("timerx", 60).packageName()).isEmpty();
    assertThatThrownBy(() -> PropertyParm.of("a/b/c", "x")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new PropertyParm("a/b", Relation.GREATER, new PropertyValue.Sublist(List.of(Value.of(1)))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenStatistics_thenCountersAreReadByName() {
    var stats = Statistics.of(StatisticsParameter.of("nt/os", 62345), StatisticsParameter.named("rtp/pl"),
        new StatisticsParameter("rtp/jit", List.of(Value.of("fast"))));
    assertThat(stats.counter("NT/OS")).hasValue(62345);
    assertThat(stats.counter("rtp/pl")).isEmpty();
    assertThat(stats.counter("rtp/jit")).isEmpty();
    assertThat(stats.counter("nt/or")).isEmpty();
  }

  @Test
  void givenMediaWithDefaultStream_thenStreamOneFindsIt() {
    var parms = StreamParms.of(LocalControl.of(StreamMode.SEND_RECEIVE));
    var media = new Media(Optional.empty(), Optional.of(parms), List.of());
    assertThat(media.stream(1)).contains(parms);
    assertThat(media.stream(2)).isEmpty();
    assertThatThrownBy(() -> Media.of(new Stream(1, parms), new Stream(1, parms)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void givenAddWithObservedEvents_thenRejectedAsNotAnAmmParameter() {
    var observed = ObservedEvents.of(1, ObservedEvent.of("g/cause"));
    assertThatThrownBy(() -> Add.of(TerminationId.CHOOSE, observed)).isInstanceOf(IllegalArgumentException.class);
  }
}
