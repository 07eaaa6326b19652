package ims.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated reads of the configuration tree; every failure is a {@link ConfigException} naming the key.
 * Values arrive as YAML scalars or as text (environment, {@code --set}), so each read accepts both.
 */
final class ConfigReader {
  private static final Pattern DURATION = Pattern.compile("(\\d{1,9})\\s*(ms|s|m|h)");
  private static final Pattern RANGE = Pattern.compile("(\\d{1,5})\\s*-\\s*(\\d{1,5})");

  private final JsonNode root;

  ConfigReader(JsonNode root) {
    this.root = root;
  }

  JsonNode node(String key) throws ConfigException {
    JsonNode node = root;
    for (String part : key.split("\\.")) {
      node = node == null ? null : node.get(part);
    }
    if (node == null || node.isNull()) {
      throw new ConfigException(key, "missing");
    }
    return node;
  }

  String text(String key) throws ConfigException {
    JsonNode node = node(key);
    if (!node.isValueNode()) {
      throw new ConfigException(key, "must be a single value");
    }
    return node.asText().strip();
  }

  String nonBlank(String key) throws ConfigException {
    String value = text(key);
    if (value.isEmpty()) {
      throw new ConfigException(key, "is empty");
    }
    return value;
  }

  int integer(String key, int min, int max) throws ConfigException {
    String value = text(key);
    int n;
    try {
      n = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + value + "' is not a whole number");
    }
    if (n < min || n > max) {
      throw new ConfigException(key, n + " is outside " + min + ".." + max);
    }
    return n;
  }

  int port(String key, boolean zeroAllowed) throws ConfigException {
    return integer(key, zeroAllowed ? 0 : 1, 65_535);
  }

  boolean bool(String key) throws ConfigException {
    String value = text(key).toLowerCase(Locale.ROOT);
    return switch (value) {
      case "true", "yes", "on" -> true;
      case "false", "no", "off" -> false;
      default -> throw new ConfigException(key, "'" + value + "' is not true or false");
    };
  }

  Duration duration(String key, Duration min, Duration max) throws ConfigException {
    String value = text(key);
    Matcher m = DURATION.matcher(value);
    if (!m.matches()) {
      throw new ConfigException(key, "'" + value + "' is not a duration such as 500ms, 10s, 2m or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration d = switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
    if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
      throw new ConfigException(key, value + " is outside " + human(min) + ".." + human(max));
    }
    return d;
  }

  /** {@code first-last}, inclusive; returns {first, last}. */
  int[] portRange(String key) throws ConfigException {
    String value = text(key);
    Matcher m = RANGE.matcher(value);
    if (!m.matches()) {
      throw new ConfigException(key, "'" + value + "' is not a port range first-last, e.g. 20000-20999");
    }
    int first = Integer.parseInt(m.group(1));
    int last = Integer.parseInt(m.group(2));
    if (last < first) {
      throw new ConfigException(key, value + " is empty");
    }
    if (first < 1024 || last > 65_535) {
      throw new ConfigException(key, value + " must lie in 1024..65535");
    }
    if ((first & 1) != 0) {
      throw new ConfigException(key, value + " must start on an even port (RTP even, RTCP odd)");
    }
    if (last < first + 1) {
      throw new ConfigException(key, value + " holds no RTP/RTCP port pair");
    }
    return new int[] {first, last};
  }

  /** The root node read as a literal IP address, reported against {@code key}. */
  InetAddress addressOfRoot(String key) throws ConfigException {
    return literalAddress(key, root.asText().strip());
  }

  /** A literal IP address (no name resolution at start: a DNS hiccup must not change what we bind). */
  InetAddress address(String key) throws ConfigException {
    return literalAddress(key, nonBlank(key));
  }

  InetSocketAddress socketAddress(String key, boolean zeroPortAllowed) throws ConfigException {
    return socketAddress(key, nonBlank(key), zeroPortAllowed, false);
  }

  Optional<InetSocketAddress> optionalSocketAddress(String key) throws ConfigException {
    String value = text(key);
    return value.isEmpty() ? Optional.empty() : Optional.of(socketAddress(key, value, false, false));
  }

  /** {@code host} or {@code host:port}; a missing port reads as 0 (any port). */
  InetSocketAddress peer(String key, String value) throws ConfigException {
    return socketAddress(key, value, true, true);
  }

  List<String> list(String key) throws ConfigException {
    JsonNode node = node(key);
    var items = new ArrayList<String>();
    if (node.isArray()) {
      for (JsonNode item : node) {
        if (!item.isValueNode()) {
          throw new ConfigException(key, "items must be single values");
        }
        items.add(item.asText().strip());
      }
    } else if (node.isValueNode()) {
      for (String item : node.asText().split(",")) {
        if (!item.isBlank()) {
          items.add(item.strip());
        }
      }
    } else {
      throw new ConfigException(key, "must be a list");
    }
    return items;
  }

  private static InetSocketAddress socketAddress(String key, String value, boolean zeroPortAllowed,
      boolean portOptional) throws ConfigException {
    String host;
    String port;
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      if (close < 0) {
        throw new ConfigException(key, "'" + value + "' has no closing ']'");
      }
      host = value.substring(1, close);
      String rest = value.substring(close + 1);
      if (rest.isEmpty() && portOptional) {
        port = "0";
      } else if (rest.startsWith(":")) {
        port = rest.substring(1);
      } else {
        throw new ConfigException(key, "'" + value + "' is not [address]:port");
      }
    } else {
      int colon = value.lastIndexOf(':');
      if (colon < 0 || value.indexOf(':') != colon) {
        if (portOptional) {
          host = value;
          port = "0";
        } else {
          throw new ConfigException(key, "'" + value + "' is not host:port");
        }
      } else {
        host = value.substring(0, colon);
        port = value.substring(colon + 1);
      }
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + value + "' has no numeric port");
    }
    if (p < (zeroPortAllowed ? 0 : 1) || p > 65_535) {
      throw new ConfigException(key, "port " + p + " of '" + value + "' is outside "
          + (zeroPortAllowed ? 0 : 1) + "..65535");
    }
    return new InetSocketAddress(literalAddress(key, host), p);
  }

  private static InetAddress literalAddress(String key, String host) throws ConfigException {
    if (host.equals("localhost")) {
      return InetAddress.getLoopbackAddress();
    }
    boolean literal = host.matches("[0-9.]+") || host.indexOf(':') >= 0;
    if (!literal) {
      throw new ConfigException(key, "'" + host + "' is not an IP address (names are not resolved at start)");
    }
    try {
      return InetAddress.getByName(host);
    } catch (UnknownHostException e) {
      throw new ConfigException(key, "'" + host + "' is not an IP address");
    }
  }

  private static String human(Duration d) {
    if (d.toMillis() % 1000 != 0) {
      return d.toMillis() + "ms";
    }
    return d.toSeconds() + "s";
  }
}
