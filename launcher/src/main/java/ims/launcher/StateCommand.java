package ims.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ims-e2ae state}: fetches {@code /state} of a running process and prints registrations (with mediasec
 * capability), active calls (security mode per stream, gateway contexts) and gateway contexts (per-stream packet
 * and drop counters). The endpoint holds no key, so neither does this output.
 */
@Command(name = "state", mixinStandardHelpOptions = true,
    description = "Prints the live state of a running ims-e2ae (its /state endpoint).")
final class StateCommand implements Callable<Integer> {
  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  @Option(names = "--url", paramLabel = "URL",
      description = "Base URL of the process's HTTP endpoint (default: http:// + IMS_E2AE_HTTP_BIND, else"
          + " http://127.0.0.1:9090).")
  private String url;

  @Option(names = "--json", description = "Prints the JSON as served.")
  private boolean json;

  @Override
  public Integer call() throws InterruptedException {
    String base = url != null ? url : "http://" + envOr("IMS_E2AE_HTTP_BIND", "127.0.0.1:9090");
    URI uri = URI.create(base.replaceAll("/+$", "") + "/state");
    String body;
    try (HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
      HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        System.err.println("ims-e2ae state: " + uri + " answered " + response.statusCode());
        return ExitCode.UNREACHABLE;
      }
      body = response.body();
    } catch (IOException e) {
      System.err.println("ims-e2ae state: cannot reach " + uri + " (" + e.getClass().getSimpleName()
          + "): is ims-e2ae running with http.bind there?");
      return ExitCode.UNREACHABLE;
    }
    if (json) {
      System.out.print(body);
      return ExitCode.OK;
    }
    try {
      print(HttpEndpoints.JSON.readTree(body), System.out);
    } catch (IOException e) {
      System.err.println("ims-e2ae state: " + uri + " did not return state JSON");
      return ExitCode.UNREACHABLE;
    }
    return ExitCode.OK;
  }

  private static String envOr(String name, String fallback) {
    String v = System.getenv(name);
    return v == null || v.isBlank() ? fallback : v;
  }

  static void print(JsonNode s, PrintStream out) {
    JsonNode iq = s.path("iq");
    out.printf("ims-e2ae %s, ready: %s, Iq: %s%s, at %s%n", s.path("role").asText(),
        s.path("ready").asBoolean() ? "yes" : "no", iq.path("association").asText(),
        iq.path("peer").asText().isEmpty() ? "" : " (peer " + iq.path("peer").asText() + ")", s.path("takenAt").asText());
    JsonNode regs = s.path("registrations");
    out.printf("%nRegistrations: %d%n", regs.size());
    for (JsonNode r : regs) {
      out.printf("  %s  contact %s  from %s/%s  mediasec %s  e2ae %s  expires in %ds%n", r.path("aor").asText(),
          r.path("contact").asText(), r.path("ue").asText(), r.path("transport").asText(),
          yesNo(r.path("mediasec")), r.path("e2aeAgreed").asBoolean() ? "agreed" : "not agreed",
          r.path("expiresInSeconds").asLong());
    }
    JsonNode calls = s.path("calls");
    out.printf("%nActive calls: %d%n", calls.size());
    for (JsonNode c : calls) {
      out.printf("  Call-ID %s  %s  %s  %s  since %s%n", c.path("callId").asText(), c.path("direction").asText(),
          c.path("mode").asText(), c.path("answered").asBoolean() ? "answered" : "not answered",
          c.path("startedAt").asText());
      for (JsonNode st : c.path("streams")) {
        List<String> ctx = new ArrayList<>();
        st.path("gatewayContexts").forEach(n -> ctx.add(n.asText()));
        out.printf("    stream %d %s: %s%s%n", st.path("index").asInt(), st.path("media").asText(),
            st.path("mode").asText(), ctx.isEmpty() ? "" : ", gateway contexts " + String.join(", ", ctx));
      }
    }
    JsonNode contexts = s.path("gatewayContexts");
    out.printf("%nGateway contexts: %d%n", contexts.size());
    for (JsonNode c : contexts) {
      out.printf("  context %d%n", c.path("context").asLong());
      for (JsonNode t : c.path("terminations")) {
        String suites = t.path("receiveSuite").asText().isEmpty() && t.path("sendSuite").asText().isEmpty() ? "RTP"
            : "SRTP rx " + orDash(t.path("receiveSuite").asText()) + " tx " + orDash(t.path("sendSuite").asText());
        out.printf("    %-16s %-6s local %s remote %s%s  %s  %s  packets in %d out %d  drops %s%n",
            t.path("id").asText(), t.path("realm").asText(), t.path("local").asText(),
            orDash(t.path("remote").asText()), t.path("latched").asBoolean() ? " (latched)" : "",
            t.path("mode").asText(), suites, t.path("packetsIn").asLong(), t.path("packetsOut").asLong(),
            t.path("drops").isEmpty() ? "none" : t.path("drops").toString());
      }
    }
  }

  private static String yesNo(JsonNode n) {
    return n.asBoolean() ? "yes" : "no";
  }

  private static String orDash(String s) {
    return s.isEmpty() ? "-" : s;
  }
}
