package ims.benchmarks.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Plans in the format relay_load.h documents and relay_load_gen.c writes. */
class LoadPlanTest {
  private static final String UE0 = "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d";
  private static final String AGW0 = "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433ff";
  private static final String KEY1 = "11".repeat(30);
  private static final String KEY2 = "22".repeat(30);

  private static List<String> plan(String... keyLines) {
    var lines = new ArrayList<>(List.of("ims-relay-load-plan 1", "calls " + keyLines.length,
        "ue_sinks 2 40001 40002", "core_sinks 2 40011 40012"));
    lines.addAll(List.of(keyLines));
    return lines;
  }

  @Test
  void readsSinksAndKeysOfEachCall() throws IOException {
    try (LoadPlan p = LoadPlan.parse(plan("key 0 " + UE0 + " " + AGW0, "key 1 " + KEY1 + " " + KEY2,
        "key 2 " + KEY2 + " " + KEY1))) {
      assertThat(p.calls()).isEqualTo(3);
      assertThat(List.of(p.ueSink(0), p.ueSink(1), p.ueSink(2))).containsExactly(40001, 40002, 40001);
      assertThat(List.of(p.coreSink(0), p.coreSink(1), p.coreSink(2))).containsExactly(40011, 40012, 40011);
      assertThat(HexFormat.of().formatHex(p.ueKey(0))).isEqualTo(UE0);
      assertThat(HexFormat.of().formatHex(p.agwKey(0))).isEqualTo(AGW0);
      assertThat(HexFormat.of().formatHex(p.ueKey(2))).isEqualTo(KEY2);
      assertThat(p.toString()).doesNotContain(UE0.substring(0, 8), "1111");
      assertThatThrownBy(() -> p.ueKey(3)).isInstanceOf(IndexOutOfBoundsException.class);
    }
  }

  @Test
  void handsOutCopiesAndWipesOnClose() throws IOException {
    LoadPlan p = LoadPlan.parse(plan("key 0 " + UE0 + " " + AGW0));
    p.ueKey(0)[0] = 9;
    assertThat(p.ueKey(0)[0]).isZero();
    assertThat(p.ueKey(0)[1]).isEqualTo((byte) 1);
    p.close();
    assertThat(p.ueKey(0)).containsOnly(0);
    assertThat(p.agwKey(0)).containsOnly(0);
  }

  @Test
  void rejectsKeysOutOfOrderOrOfTheWrongLength() {
    assertThatThrownBy(() -> LoadPlan.parse(plan("key 1 " + KEY1 + " " + KEY2))).isInstanceOf(IOException.class)
        .hasMessageContaining("line 5");
    assertThatThrownBy(() -> LoadPlan.parse(plan("key 0 " + KEY1.substring(2) + " " + KEY2)))
        .isInstanceOf(IOException.class).hasMessageNotContaining(KEY1.substring(2));
    assertThatThrownBy(() -> LoadPlan.parse(plan("key 0 " + "zz".repeat(30) + " " + KEY2)))
        .isInstanceOf(IOException.class).hasMessageContaining("hex");
  }

  @Test
  void rejectsIncompletePlans() {
    assertThatThrownBy(() -> LoadPlan.parse(List.of("calls 2", "ue_sinks 1 40001", "core_sinks 1 40011",
        "key 0 " + KEY1 + " " + KEY2))).isInstanceOf(IOException.class).hasMessageContaining("incomplete");
    assertThatThrownBy(() -> LoadPlan.parse(List.of("calls 1", "core_sinks 1 40011", "key 0 " + KEY1 + " " + KEY2)))
        .isInstanceOf(IOException.class);
    assertThatThrownBy(() -> LoadPlan.parse(List.of("calls 1", "ue_sinks 2 40001", "core_sinks 1 40011",
        "key 0 " + KEY1 + " " + KEY2))).isInstanceOf(IOException.class).hasMessageContaining("sink list");
    assertThatThrownBy(() -> LoadPlan.parse(List.of("calls x"))).isInstanceOf(IOException.class);
  }
}
