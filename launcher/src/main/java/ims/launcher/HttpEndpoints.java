package ims.launcher;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDK's HTTP server (no web framework) with the operator's endpoints, GET only:
 * {@code /metrics} (Prometheus text), {@code /health/live}, {@code /health/ready} (503 while the Iq link is down
 * or the process is stopping), {@code /state} (JSON, see {@link StateView}). Two daemon threads serve them.
 */
final class HttpEndpoints implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(HttpEndpoints.class);
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final HttpServer server;
  private final ExecutorService executor;

  private HttpEndpoints(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  static HttpEndpoints start(InetSocketAddress bind, Launch launch) throws StartException {
    HttpServer server;
    try {
      server = HttpServer.create(bind, 16);
    } catch (IOException e) {
      throw StartException.of("HTTP endpoint " + StateView.hostPort(bind), e);
    }
    ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
      Thread t = new Thread(r, "http-endpoints");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/metrics", ex -> serve(ex, () -> new Response(200,
        "text/plain; version=0.0.4; charset=utf-8", launch.metrics())));
    server.createContext("/health/live", ex -> serve(ex, () -> json(200, Map.of("status", "up"))));
    server.createContext("/health/ready", ex -> serve(ex, () -> {
      boolean ready = launch.ready();
      return json(ready ? 200 : 503, Map.of("ready", ready));
    }));
    server.createContext("/state", ex -> serve(ex, () -> json(200, launch.state())));
    server.createContext("/", ex -> serve(ex, () -> new Response(404, "text/plain; charset=utf-8",
        "not found: /metrics /health/live /health/ready /state\n")));
    server.start();
    return new HttpEndpoints(server, executor);
  }

  InetSocketAddress address() {
    return server.getAddress();
  }

  private record Response(int status, String contentType, String body) {}

  private interface Handler {
    Response handle() throws IOException;
  }

  private static Response json(int status, Object value) throws IOException {
    return new Response(status, "application/json", JSON.writeValueAsString(value) + "\n");
  }

  private static void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Response response;
      if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
        response = new Response(405, "text/plain; charset=utf-8", "GET only\n");
        exchange.getResponseHeaders().add("Allow", "GET, HEAD");
      } else {
        try {
          response = handler.handle();
        } catch (RuntimeException | IOException e) {
          log.warn("HTTP {} failed: {}", exchange.getRequestURI().getPath(), e.toString());
          response = new Response(500, "text/plain; charset=utf-8", "internal error\n");
        }
      }
      byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", response.contentType());
      exchange.getResponseHeaders().add("Cache-Control", "no-store");
      boolean head = "HEAD".equals(exchange.getRequestMethod());
      exchange.sendResponseHeaders(response.status(), head ? -1 : body.length);
      if (!head) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
