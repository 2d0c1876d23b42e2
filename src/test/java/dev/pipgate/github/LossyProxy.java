package dev.pipgate.github;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy in front of the fake GitHub that loses answers: the request reaches GitHub and takes
 * effect there, but the answer is held back past the client's timeout or the connection is closed
 * without one — what a network fault or a proxy timeout looks like from the workflow runner.
 */
final class LossyProxy implements AutoCloseable {
  private static final Set<String> HOP_HEADERS =
      Set.of(
          "connection",
          "content-length",
          "expect",
          "host",
          "upgrade",
          "http2-settings",
          "transfer-encoding",
          "keep-alive");

  /** One answer to lose: the first request with this method whose path ends so. */
  record Fault(String method, String pathSuffix, Duration delay) {}

  private final HttpServer server;
  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final URI target;
  private final List<Fault> faults = new CopyOnWriteArrayList<>();
  final List<String> lost = new CopyOnWriteArrayList<>();

  LossyProxy(URI target) throws IOException {
    this.target = target;
    this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::forward);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The next matching answer never comes: the connection closes once GitHub has acted. */
  void dropOnce(String method, String pathSuffix) {
    faults.add(new Fault(method, pathSuffix, null));
  }

  /** The next matching answer comes after {@code delay}, once GitHub has acted. */
  void delayOnce(String method, String pathSuffix, Duration delay) {
    faults.add(new Fault(method, pathSuffix, delay));
  }

  private void forward(HttpExchange ex) throws IOException {
    byte[] body = ex.getRequestBody().readAllBytes();
    String method = ex.getRequestMethod();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(target + ex.getRequestURI().toString()))
            .method(
                method,
                body.length == 0
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
      if (!HOP_HEADERS.contains(h.getKey().toLowerCase(Locale.ROOT))) {
        h.getValue().forEach(v -> b.header(h.getKey(), v));
      }
    }
    HttpResponse<byte[]> answer;
    try {
      answer = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
    String path = ex.getRequestURI().getRawPath();
    Fault fault =
        faults.stream()
            .filter(f -> f.method().equals(method) && path.endsWith(f.pathSuffix()))
            .findFirst()
            .orElse(null);
    if (fault != null) {
      faults.remove(fault);
      lost.add(method + " " + path);
      if (fault.delay() == null) {
        // The server closes the connection when a handler fails before answering.
        throw new IOException("answer dropped on purpose");
      }
      try {
        Thread.sleep(fault.delay().toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
    }
    answer
        .headers()
        .map()
        .forEach(
            (k, v) -> {
              if (!HOP_HEADERS.contains(k.toLowerCase(Locale.ROOT)) && !k.startsWith(":")) {
                v.forEach(value -> ex.getResponseHeaders().add(k, value));
              }
            });
    byte[] bytes = answer.body();
    ex.sendResponseHeaders(answer.statusCode(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
