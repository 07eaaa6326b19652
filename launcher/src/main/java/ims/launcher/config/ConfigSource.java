package ims.launcher.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Builds the effective configuration tree: the embedded default ({@value #DEFAULT_RESOURCE}, the same file
 * as {@code config/pcscf-agw.yaml}), a file laid over it, then environment variables, then {@code --set}
 * options. Every key of the result exists in the default: an unknown key is an error naming it, so a typo
 * never silently leaves a default in place.
 */
public final class ConfigSource {
  public static final String DEFAULT_RESOURCE = "/pcscf-agw.yaml";
  /** Environment variables overriding a key: this prefix plus the key upper-cased, '.' and '-' as '_'. */
  public static final String ENV_PREFIX = "IMS_E2AE_";
  /** Keys whose value is a list of maps: replaced as a whole by a file, never by a variable. */
  private static final String RULES = "pcscf.policy.rules";

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private ConfigSource() {}

  /** The embedded default tree. */
  public static ObjectNode defaults() {
    try (InputStream in = ConfigSource.class.getResourceAsStream(DEFAULT_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the embedded default configuration is missing: " + DEFAULT_RESOURCE);
      }
      return (ObjectNode) YAML.readTree(in);
    } catch (IOException e) {
      throw new IllegalStateException("the embedded default configuration does not load", e);
    }
  }

  /**
   * The effective tree.
   *
   * @param file a YAML file laid over the default, if any
   * @param env the process environment (variables named {@link #ENV_PREFIX}...)
   * @param sets {@code key=value} overrides, applied last
   */
  public static ObjectNode load(Optional<Path> file, Map<String, String> env, List<String> sets)
      throws ConfigException {
    ObjectNode tree = defaults();
    if (file.isPresent()) {
      merge(tree, readFile(file.get()), "");
    }
    for (String key : leafKeys(tree, "")) {
      String value = env.get(envName(key));
      if (value != null) {
        set(tree, key, value);
      }
    }
    for (String assignment : sets) {
      int eq = assignment.indexOf('=');
      if (eq <= 0) {
        throw new ConfigException("--set", "'" + assignment + "' is not key=value");
      }
      String key = assignment.substring(0, eq).strip();
      if (!leafKeys(tree, "").contains(key)) {
        throw new ConfigException(key, "unknown key (--set); the keys are those of config/pcscf-agw.yaml");
      }
      set(tree, key, assignment.substring(eq + 1).strip());
    }
    return tree;
  }

  /** The environment variable that overrides {@code key}. */
  public static String envName(String key) {
    return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** The tree as YAML (for --check: the effective configuration), every {@code *-password} value as ***. */
  public static String toYaml(JsonNode tree) {
    JsonNode copy = tree.deepCopy();
    redactPasswords(copy);
    try {
      return YAML.writeValueAsString(copy);
    } catch (JacksonException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void redactPasswords(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (var entry : object.properties()) {
        if (entry.getKey().endsWith("password") && entry.getValue().isValueNode()
            && !entry.getValue().asText().isEmpty()) {
          object.put(entry.getKey(), "***");
        } else {
          redactPasswords(entry.getValue());
        }
      }
    }
  }

  private static JsonNode readFile(Path file) throws ConfigException {
    if (!Files.isReadable(file)) {
      throw new ConfigException("--config", file + " is not a readable file");
    }
    try {
      JsonNode node = YAML.readTree(file.toFile());
      if (node == null || node.isMissingNode() || node.isNull()) {
        return JsonNodeFactory.instance.objectNode();
      }
      if (!node.isObject()) {
        throw new ConfigException("--config", file + " is not a YAML mapping of keys");
      }
      return node;
    } catch (JacksonException e) {
      var location = e.getLocation();
      String where = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ConfigException("--config", file + " is not valid YAML" + where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new ConfigException("--config", file + " cannot be read: " + e.getMessage());
    }
  }

  private static void merge(ObjectNode target, JsonNode overlay, String prefix) throws ConfigException {
    for (var entry : overlay.properties()) {
      String key = prefix + entry.getKey();
      JsonNode current = target.get(entry.getKey());
      if (current == null) {
        throw new ConfigException(key, "unknown key; the keys are those of config/pcscf-agw.yaml");
      }
      JsonNode value = entry.getValue();
      if (current.isObject()) {
        if (!value.isObject()) {
          throw new ConfigException(key, "must be a mapping of keys, not a value");
        }
        merge((ObjectNode) current, value, key + ".");
      } else {
        if (value.isObject()) {
          throw new ConfigException(key, "must be a value, not a mapping");
        }
        target.set(entry.getKey(), value);
      }
    }
  }

  private static List<String> leafKeys(JsonNode node, String prefix) {
    var keys = new ArrayList<String>();
    for (var entry : node.properties()) {
      String key = prefix + entry.getKey();
      if (entry.getValue().isObject()) {
        keys.addAll(leafKeys(entry.getValue(), key + "."));
      } else {
        keys.add(key);
      }
    }
    return keys;
  }

  private static void set(ObjectNode tree, String key, String text) throws ConfigException {
    String[] parts = key.split("\\.");
    ObjectNode node = tree;
    for (int i = 0; i < parts.length - 1; i++) {
      node = (ObjectNode) node.get(parts[i]);
    }
    String leaf = parts[parts.length - 1];
    if (node.get(leaf).isArray()) {
      if (key.equals(RULES)) {
        throw new ConfigException(key, "rules are set in the configuration file only");
      }
      ArrayNode list = JsonNodeFactory.instance.arrayNode();
      for (String item : text.split(",")) {
        if (!item.isBlank()) {
          list.add(item.strip());
        }
      }
      node.set(leaf, list);
    } else {
      node.set(leaf, TextNode.valueOf(text));
    }
  }
}
