package ims.iq.codec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/** The example messages under src/test/resources/ims/iq/codec/{rfc3525,iq}, read as octets. */
final class ExampleMessages {
  private ExampleMessages() {
  }

  record Example(String name, byte[] octets) {
    String text() {
      return new String(octets, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static List<Example> rfc3525() {
    return load("rfc3525");
  }

  /** The RFC 3525 messages as Erlang/OTP megaco's compact encoder writes them (short tokens). */
  static List<Example> rfc3525ErlangCompact() {
    return load("rfc3525-erlang-compact");
  }

  static List<Example> iq() {
    return load("iq");
  }

  static Example rfc3525(String prefix) {
    return rfc3525().stream().filter(e -> e.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  static Example iq(String prefix) {
    return iq().stream().filter(e -> e.name().startsWith(prefix)).findFirst().orElseThrow();
  }

  private static List<Example> load(String folder) {
    try {
      Path dir = Path.of(Objects.requireNonNull(ExampleMessages.class.getResource(folder)).toURI());
      try (var files = Files.list(dir)) {
        return files.filter(p -> p.toString().endsWith(".txt")).sorted()
            .map(p -> new Example(p.getFileName().toString(), read(p))).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] read(Path p) {
    try {
      return Files.readAllBytes(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
