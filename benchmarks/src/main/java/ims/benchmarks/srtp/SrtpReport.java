package ims.benchmarks.srtp;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Joins the JMH CSV of {@link SrtpProtectBenchmark}/{@link SrtpUnprotectBenchmark} and the CSV lines of
 * {@code srtp_bench} into the Markdown tables of BENCHMARKS.md: ns/packet with the 99.9% error, speed-ups of our
 * engine ({@code ims}) over every other implementation (their ns / our ns, so above 1 means ours is faster, with
 * the propagated error), the issue 4 targets, and B/op.
 *
 * <p>Usage: {@code java -cp benchmarks.jar ims.benchmarks.srtp.SrtpReport jmh.csv libsrtp-openssl.csv [more.csv]}:
 * JMH's CSV (recognised by its header) or lines of srtp_bench / {@link SrtpCpuTimeBench}, in any order.
 */
public final class SrtpReport {
  static final String OURS = "ims";
  static final String REFERENCE = "libsrtp-openssl";

  /** One implementation's figure for one case; {@code bytesPerOp} is NaN where unknown (C, or no -prof gc). */
  record Score(double ns, double error, double bytesPerOp) {}

  record Case(String suite, int payload, String op) {}

  private final Map<Case, Map<String, Score>> scores = new LinkedHashMap<>();
  private final Set<String> implementations = new LinkedHashSet<>();

  public static void main(String[] args) throws IOException {
    if (args.length < 1) throw new IllegalArgumentException("usage: SrtpReport file.csv ...");
    var report = new SrtpReport();
    for (String arg : args) {
      Path csv = Path.of(arg);
      if (Files.readString(csv).startsWith("\"Benchmark\"")) report.readJmh(csv);
      else report.readC(csv);
    }
    System.out.print(report.markdown());
  }

  void readJmh(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    List<String> header = splitCsv(lines.get(0));
    int bench = header.indexOf("Benchmark"), score = header.indexOf("Score"), error = header.indexOf("Score Error (99.9%)");
    int impl = header.indexOf("Param: impl"), suite = header.indexOf("Param: suite"), payload = header.indexOf("Param: payload");
    Map<Case, Map<String, double[]>> raw = new LinkedHashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = splitCsv(line);
      String name = f.get(bench);
      String op = name.contains("Unprotect") ? "unprotect" : "protect";
      var key = new Case(f.get(suite), Integer.parseInt(f.get(payload)), op);
      double[] v = raw.computeIfAbsent(key, k -> new LinkedHashMap<>())
          .computeIfAbsent(f.get(impl), k -> new double[] {Double.NaN, Double.NaN, Double.NaN});
      if (!name.contains(":")) {
        v[0] = number(f.get(score));
        v[1] = number(f.get(error));
      } else if (name.endsWith(":gc.alloc.rate.norm")) {
        v[2] = number(f.get(score));
      }
    }
    raw.forEach((key, byImpl) -> byImpl.forEach((name, v) -> put(key, name, new Score(v[0], v[1], v[2]))));
  }

  /** srtp_bench / SrtpCpuTimeBench lines: impl,suite,op,payload,ns_per_packet,error_ns,iterations. */
  void readC(Path csv) throws IOException {
    for (String line : Files.readAllLines(csv)) {
      String[] f = line.split(",");
      if (f.length < 6 || line.startsWith("#")) continue;
      put(new Case(f[1], Integer.parseInt(f[3]), f[2]), f[0], new Score(number(f[4]), number(f[5]), Double.NaN));
    }
  }

  private void put(Case key, String impl, Score score) {
    implementations.add(impl);
    scores.computeIfAbsent(key, k -> new LinkedHashMap<>()).put(impl, score);
  }

  String markdown() {
    List<String> ours = implementations.stream().filter(i -> i.startsWith(OURS)).toList();
    List<String> others = implementations.stream().filter(i -> i.equals("jitsi") || i.equals(REFERENCE)).toList();
    var out = new StringBuilder();
    out.append("| suite | payload | op |");
    for (String impl : implementations) out.append(' ').append(impl).append(" ns |");
    for (String us : ours) {
      for (String impl : others) out.append(" ").append(us).append(" vs ").append(impl).append(" |");
    }
    out.append(" target |\n|---|---:|---|");
    out.append("---:|".repeat(implementations.size() + ours.size() * others.size())).append("---|\n");
    for (var entry : sortedCases()) {
      Case c = entry.getKey();
      Map<String, Score> byImpl = entry.getValue();
      out.append("| ").append(c.suite()).append(" | ").append(c.payload()).append(" | ").append(c.op()).append(" |");
      for (String impl : implementations) out.append(' ').append(time(byImpl.get(impl))).append(" |");
      for (String us : ours) {
        for (String impl : others) out.append(' ').append(speedUp(byImpl.get(us), byImpl.get(impl))).append(" |");
      }
      List<String> verdicts = new ArrayList<>();
      for (String us : ours) {
        String verdict = target(c, byImpl, us);
        if (!verdict.isEmpty()) verdicts.add((ours.size() > 1 ? us + ": " : "") + verdict);
      }
      out.append(' ').append(String.join("<br>", verdicts)).append(" |\n");
    }
    List<String> java = implementations.stream().filter(i -> scores.values().stream()
        .anyMatch(m -> m.containsKey(i) && !Double.isNaN(m.get(i).bytesPerOp()))).toList();
    if (java.isEmpty()) return out.toString();
    out.append("\nB/op (JMH -prof gc, gc.alloc.rate.norm). Unprotect: the untimed set-up protects the ring on the same")
        .append(" thread, so its protect B/op is subtracted (raw figure in brackets).\n\n| suite | payload | op |");
    for (String impl : java) out.append(' ').append(impl).append(" B/op |");
    out.append("\n|---|---:|---|").append("---:|".repeat(java.size())).append('\n');
    for (var entry : sortedCases()) {
      Case c = entry.getKey();
      out.append("| ").append(c.suite()).append(" | ").append(c.payload()).append(" | ").append(c.op()).append(" |");
      for (String impl : java) out.append(' ').append(bytes(c, impl)).append(" |");
      out.append('\n');
    }
    return out.toString();
  }

  private List<Map.Entry<Case, Map<String, Score>>> sortedCases() {
    List<String> suiteOrder = List.of(BenchSuite.values()).stream().map(Enum::name).toList();
    return scores.entrySet().stream().sorted((a, b) -> {
      Case x = a.getKey(), y = b.getKey();
      int bySuite = Integer.compare(suiteOrder.indexOf(x.suite()), suiteOrder.indexOf(y.suite()));
      if (bySuite != 0) return bySuite;
      if (x.payload() != y.payload()) return Integer.compare(x.payload(), y.payload());
      return x.op().compareTo(y.op());
    }).toList();
  }

  private String bytes(Case c, String impl) {
    Score s = scores.get(c).get(impl);
    if (s == null || Double.isNaN(s.bytesPerOp())) return "–";
    if (!c.op().equals("unprotect")) return fmt("%.1f", s.bytesPerOp());
    Map<String, Score> protect = scores.get(new Case(c.suite(), c.payload(), "protect"));
    Score setUp = protect == null ? null : protect.get(impl);
    if (setUp == null || Double.isNaN(setUp.bytesPerOp())) return fmt("(%.1f)", s.bytesPerOp());
    return fmt("%.1f (%.1f)", Math.max(0, s.bytesPerOp() - setUp.bytesPerOp()), s.bytesPerOp());
  }

  /** Issue 4: AES_CM_128_HMAC_SHA1_80 at 160 B >= 1.25x libsrtp+OpenSSL and ahead of jitsi; AEAD_AES_128_GCM >= 1.0x. */
  private static String target(Case c, Map<String, Score> byImpl, String us) {
    if (c.payload() != 160) return "";
    double needed = switch (c.suite()) {
      case "AES_CM_128_HMAC_SHA1_80" -> 1.25;
      case "AEAD_AES_128_GCM" -> 1.0;
      default -> Double.NaN;
    };
    if (Double.isNaN(needed)) return "";
    Score ours = byImpl.get(us), reference = byImpl.get(REFERENCE), jitsi = byImpl.get("jitsi");
    if (ours == null || reference == null) return fmt(">= %.2fx libsrtp: n/a", needed);
    double ratio = reference.ns() / ours.ns();
    String verdict = fmt(">= %.2fx libsrtp: %s", needed, ratio >= needed ? "met" : "MISSED");
    if (needed > 1.0 && jitsi != null) verdict += jitsi.ns() > ours.ns() ? "; ahead of jitsi" : "; BEHIND jitsi";
    return verdict;
  }

  private static String time(Score s) {
    if (s == null) return "–";
    return Double.isNaN(s.error()) ? fmt("%.1f", s.ns()) : fmt("%.1f ± %.1f", s.ns(), s.error());
  }

  private static String speedUp(Score ours, Score other) {
    if (ours == null || other == null) return "–";
    double ratio = other.ns() / ours.ns();
    double relative = Math.hypot(relativeError(ours), relativeError(other));
    return Double.isNaN(relative) ? fmt("%.2fx", ratio) : fmt("%.2fx ± %.2f", ratio, ratio * relative);
  }

  private static double relativeError(Score s) {
    return s.error() / s.ns();
  }

  private static double number(String text) {
    String t = text.trim();
    return t.isEmpty() || t.equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(t.replace(',', '.'));
  }

  private static String fmt(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }

  /** JMH's CSV: comma-separated, fields in double quotes when they contain commas or quotes. */
  static List<String> splitCsv(String line) {
    List<String> fields = new ArrayList<>();
    var field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') { field.append('"'); i++; }
        else if (ch == '"') quoted = false;
        else field.append(ch);
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
