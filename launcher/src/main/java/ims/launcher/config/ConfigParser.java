package ims.launcher.config;

import com.fasterxml.jackson.databind.JsonNode;
import ims.iq.message.MId;
import ims.iq.message.ServiceChangeProfile;
import ims.iq.transport.AllowedPeer;
import ims.iq.transport.LinkProtection;
import ims.iq.transport.TlsContexts;
import ims.iq.transport.TransactionConfig;
import ims.iq.transport.TransactionTimers;
import ims.launcher.Role;
import ims.media.relay.MediaEventConfig;
import ims.media.relay.PortRange;
import ims.media.relay.Realm;
import ims.media.relay.RelayConfig;
import ims.pcscf.policy.AccessMatch;
import ims.pcscf.policy.E2aeRule;
import ims.pcscf.policy.E2aeUnavailableAction;
import ims.pcscf.policy.GatewayFailureAction;
import ims.pcscf.policy.PcscfPolicy;
import ims.pcscf.registration.Transport;
import ims.pcscf.sip.Endpoint;
import ims.pcscf.sip.NextHop;
import ims.pcscf.sip.ProxyConfig;
import ims.pcscf.sip.TlsConfig;
import ims.sdes.attribute.SrtpSuite;
import java.io.IOException;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the effective tree ({@link ConfigSource}) into a {@link LauncherConfig}: every value typed and checked,
 * cross-checks between keys, and the modules' own record constructors run here so that their refusals are
 * reported against the key that caused them.
 */
public final class ConfigParser {
  private ConfigParser() {}

  public static LauncherConfig parse(JsonNode tree) throws ConfigException {
    var r = new ConfigReader(tree);
    Role role = Role.fromConfigName(r.text("role"))
        .orElseThrow(() -> new ConfigException("role", "'" + textOrEmpty(tree, "role") + "' is not pcscf, agw or both"));
    var pcscf = new PcscfSettings(proxy(r), policy(r));
    var iq = iq(r);
    RelayConfig agw = relay(r);
    Optional<MediaEventConfig> events = events(r);
    String http = r.text("http.bind");
    Optional<InetSocketAddress> httpBind = http.isEmpty() ? Optional.empty()
        : Optional.of(r.socketAddress("http.bind", true));
    Duration drain = r.duration("shutdown.drain-timeout", Duration.ZERO, Duration.ofHours(1));
    var config = new LauncherConfig(role, pcscf, iq, agw, events, httpBind, drain);
    checkModuleRecords(config);
    return config;
  }

  private static String textOrEmpty(JsonNode tree, String key) {
    JsonNode n = tree.get(key);
    return n == null ? "" : n.asText();
  }

  // ------------------------------------------------------------------ pcscf

  private static ProxyConfig proxy(ConfigReader r) throws ConfigException {
    Endpoint access = endpoint(r, "pcscf.access");
    Endpoint core = endpoint(r, "pcscf.core");
    if (access.host().equals(core.host()) && (access.udpPort() == core.udpPort() || access.tcpPort() == core.tcpPort())) {
      throw new ConfigException("pcscf.core", "uses the same address and port as pcscf.access; the two sides need"
          + " distinct listening points");
    }
    boolean tls = r.bool("pcscf.tls.enabled");
    String transportName = r.nonBlank("pcscf.core-next-hop.transport");
    Transport transport = switch (transportName.toLowerCase(java.util.Locale.ROOT)) {
      case "udp" -> Transport.UDP;
      case "tcp" -> Transport.TCP;
      case "tls" -> {
        if (!tls) {
          throw new ConfigException("pcscf.core-next-hop.transport", "tls needs pcscf.tls.enabled: true");
        }
        yield Transport.TLS;
      }
      default -> throw new ConfigException("pcscf.core-next-hop.transport",
          "'" + transportName + "' is not udp, tcp or tls");
    };
    InetAddress nextHopHost = r.address("pcscf.core-next-hop.host");
    var nextHop = new NextHop(nextHopHost.getHostAddress(), r.port("pcscf.core-next-hop.port", false), transport);
    int maxMessageSize = r.integer("pcscf.max-message-size", 4096, 1 << 20);
    int maxBindings = r.integer("pcscf.max-bindings", 1, 10_000_000);
    Duration t1 = r.duration("pcscf.core-t1", Duration.ofMillis(10), Duration.ofSeconds(10));
    Duration timerC = r.duration("pcscf.timer-c", Duration.ofMillis(10), Duration.ofHours(1));
    if (!tls) {
      return new ProxyConfig("ims-e2ae-pcscf", access, core, nextHop, maxMessageSize, maxBindings, t1)
          .withTimerC(timerC);
    }
    String k = "pcscf.tls.";
    Endpoint tlsAccess = access.withTlsPort(r.port(k + "access-port", false));
    Endpoint tlsCore = core.withTlsPort(r.port(k + "core-port", false));
    try {
      return new ProxyConfig("ims-e2ae-pcscf", tlsAccess, tlsCore, nextHop, maxMessageSize, maxBindings, t1, timerC,
          Optional.of(tlsConfig(r)));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("pcscf.tls", e.getMessage());
    }
  }

  private static TlsConfig tlsConfig(ConfigReader r) throws ConfigException {
    String k = "pcscf.tls.";
    Path keyStore = readableFile(r, k + "key-store");
    Path trustStore = readableFile(r, k + "trust-store");
    String clientAuthName = r.nonBlank(k + "client-auth");
    TlsConfig.ClientAuth clientAuth = switch (clientAuthName) {
      case "disabled" -> TlsConfig.ClientAuth.DISABLED;
      case "want" -> TlsConfig.ClientAuth.WANT;
      case "require" -> TlsConfig.ClientAuth.REQUIRE;
      default -> throw new ConfigException(k + "client-auth", "'" + clientAuthName + "' is not disabled, want or require");
    };
    return new TlsConfig(keyStore, r.text(k + "key-store-password"), trustStore, r.text(k + "trust-store-password"),
        clientAuth);
  }

  private static Path readableFile(ConfigReader r, String key) throws ConfigException {
    Path file = Path.of(r.nonBlank(key));
    if (!Files.isReadable(file)) {
      throw new ConfigException(key, file + " is not a readable file");
    }
    return file;
  }

  private static Endpoint endpoint(ConfigReader r, String key) throws ConfigException {
    InetAddress host = r.address(key + ".host");
    return new Endpoint(host.getHostAddress(), r.port(key + ".udp-port", false), r.port(key + ".tcp-port", false));
  }

  private static PcscfPolicy policy(ConfigReader r) throws ConfigException {
    boolean e2ae = r.bool("pcscf.policy.e2ae");
    boolean byDefault = r.bool("pcscf.policy.offer-by-default");
    var suites = new ArrayList<SrtpSuite>();
    for (String name : r.list("pcscf.policy.suites")) {
      SrtpSuite suite = SrtpSuite.fromSdpName(name).orElseThrow(() -> new ConfigException("pcscf.policy.suites",
          "'" + name + "' is not an SRTP suite this product implements (" + suiteNames() + ")"));
      if (suites.contains(suite)) {
        throw new ConfigException("pcscf.policy.suites", name + " is listed twice");
      }
      suites.add(suite);
    }
    if (e2ae && suites.isEmpty()) {
      throw new ConfigException("pcscf.policy.suites", "is empty while pcscf.policy.e2ae is true");
    }
    String unavailable = r.nonBlank("pcscf.policy.when-unavailable");
    E2aeUnavailableAction action = switch (unavailable) {
      case "reject-488" -> E2aeUnavailableAction.REJECT_488;
      case "forward-as-is" -> E2aeUnavailableAction.FORWARD_AS_IS;
      default -> throw new ConfigException("pcscf.policy.when-unavailable",
          "'" + unavailable + "' is not reject-488 or forward-as-is");
    };
    String gatewayFails = r.nonBlank("pcscf.policy.when-gateway-fails");
    GatewayFailureAction onGatewayFailure = switch (gatewayFails) {
      case "503" -> GatewayFailureAction.SERVICE_UNAVAILABLE_503;
      case "488" -> GatewayFailureAction.NOT_ACCEPTABLE_488;
      default -> throw new ConfigException("pcscf.policy.when-gateway-fails", "'" + gatewayFails + "' is not 503 or 488");
    };
    return new PcscfPolicy(e2ae, rules(r), byDefault, suites, action).withWhenGatewayFails(onGatewayFailure);
  }

  private static String suiteNames() {
    var names = new ArrayList<String>();
    for (SrtpSuite s : SrtpSuite.values()) {
      names.add(s.sdpName());
    }
    return String.join(", ", names);
  }

  private static List<E2aeRule> rules(ConfigReader r) throws ConfigException {
    JsonNode list = r.node("pcscf.policy.rules");
    if (!list.isArray()) {
      throw new ConfigException("pcscf.policy.rules", "must be a list of rules");
    }
    var rules = new ArrayList<E2aeRule>();
    int i = 0;
    for (JsonNode rule : list) {
      String key = "pcscf.policy.rules[" + i++ + "]";
      if (!rule.isObject()) {
        throw new ConfigException(key, "must be a mapping with access-type or source-prefix, and offer-e2ae");
      }
      for (var field : rule.properties()) {
        if (!List.of("access-type", "source-prefix", "offer-e2ae").contains(field.getKey())) {
          throw new ConfigException(key + "." + field.getKey(), "unknown key (access-type, source-prefix, offer-e2ae)");
        }
      }
      var ruleReader = new ConfigReader(rule);
      boolean offer;
      try {
        offer = ruleReader.bool("offer-e2ae");
      } catch (ConfigException e) {
        throw new ConfigException(key + ".offer-e2ae", e.getMessage().substring("offer-e2ae: ".length()));
      }
      boolean byType = rule.has("access-type");
      boolean byPrefix = rule.has("source-prefix");
      if (byType == byPrefix) {
        throw new ConfigException(key, "needs exactly one of access-type and source-prefix");
      }
      AccessMatch match;
      if (byType) {
        String type = rule.get("access-type").asText().strip();
        if (type.isEmpty()) {
          throw new ConfigException(key + ".access-type", "is empty");
        }
        match = new AccessMatch.AccessType(type);
      } else {
        match = prefix(key + ".source-prefix", rule.get("source-prefix").asText().strip());
      }
      rules.add(new E2aeRule(match, offer));
    }
    return rules;
  }

  private static AccessMatch prefix(String key, String value) throws ConfigException {
    int slash = value.indexOf('/');
    if (slash < 0) {
      throw new ConfigException(key, "'" + value + "' is not address/prefix-length");
    }
    InetAddress network = new ConfigReader(new com.fasterxml.jackson.databind.node.TextNode(value.substring(0, slash)))
        .addressOfRoot(key);
    int length;
    try {
      length = Integer.parseInt(value.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new ConfigException(key, "'" + value + "' has no numeric prefix length");
    }
    int bits = network.getAddress().length * 8;
    if (length < 0 || length > bits) {
      throw new ConfigException(key, "prefix length " + length + " is outside 0.." + bits);
    }
    return new AccessMatch.SourcePrefix(network, length);
  }

  // ------------------------------------------------------------------ iq

  private static IqSettings iq(ConfigReader r) throws ConfigException {
    String protectionName = r.nonBlank("iq.protection");
    LinkProtection protection = switch (protectionName) {
      case "none" -> LinkProtection.NONE;
      case "ipsec" -> LinkProtection.IPSEC;
      case "tls" -> LinkProtection.TLS;
      default -> throw new ConfigException("iq.protection", "'" + protectionName + "' is not none, ipsec or tls");
    };
    Optional<TlsContexts.Pair> tls = protection == LinkProtection.TLS ? Optional.of(iqTls(r)) : Optional.empty();
    int maxMessageSize = r.integer("iq.max-message-size", 512, 65_507);
    TransactionConfig transactions = transactions(r);
    var controller = new IqSettings.Controller(
        iqBind(r, "iq.controller.bind", protection),
        mId(r, "iq.controller.mid"),
        r.optionalSocketAddress("iq.controller.gateway"),
        peers(r, "iq.controller.allowed-peers", protection),
        r.duration("iq.controller.heartbeat-interval", Duration.ofMillis(100), Duration.ofMinutes(10)),
        r.integer("iq.controller.heartbeat-failures-for-link-down", 1, 100));
    var gateway = new IqSettings.Gateway(
        iqBind(r, "iq.gateway.bind", protection),
        mId(r, "iq.gateway.mid"),
        r.socketAddress("iq.gateway.controller", false),
        peers(r, "iq.gateway.allowed-peers", protection),
        profile(r, "iq.gateway.profile"),
        r.integer("iq.gateway.restart-attempts", 1, 1000),
        r.duration("iq.gateway.restart-retry-delay", Duration.ofMillis(10), Duration.ofMinutes(10)));
    checkPeer(protection, "iq.gateway.controller", gateway.controller());
    if (controller.gateway().isPresent()) {
      checkPeer(protection, "iq.controller.gateway", controller.gateway().get());
    }
    return new IqSettings(protection, maxMessageSize, transactions, tls, controller, gateway);
  }

  /** TLS 1.3 contexts, mutual authentication, from PKCS#12 files (each failure names its key). */
  private static TlsContexts.Pair iqTls(ConfigReader r) throws ConfigException {
    String k = "iq.tls.";
    KeyStore keys = pkcs12(r, k + "key-store", k + "key-store-password");
    KeyStore trust = pkcs12(r, k + "trust-store", k + "trust-store-password");
    try {
      var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, r.text(k + "key-store-password").toCharArray());
      var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      return TlsContexts.mutual(kmf, tmf);
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException("iq.tls", "the stores do not make a TLS context: " + e.getMessage());
    }
  }

  private static KeyStore pkcs12(ConfigReader r, String key, String passwordKey) throws ConfigException {
    Path file = readableFile(r, key);
    try (var in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, r.text(passwordKey).toCharArray());
      return store;
    } catch (GeneralSecurityException | IOException e) {
      throw new ConfigException(key, file + " does not open as PKCS#12 with " + passwordKey
          + " (wrong password or not a .p12 file)");
    }
  }

  private static TransactionConfig transactions(ConfigReader r) throws ConfigException {
    String k = "iq.transactions.";
    Duration max = Duration.ofMinutes(10);
    Duration ms = Duration.ofMillis(1);
    var initial = r.duration(k + "initial-retransmit", ms, max);
    var cap = r.duration(k + "max-retransmit", ms, max);
    int retransmissions = r.integer(k + "max-retransmissions", 0, 30);
    var requestTimeout = r.duration(k + "request-timeout", ms, max);
    var pendingWait = r.duration(k + "pending-wait", ms, max);
    var pendingThreshold = r.duration(k + "pending-threshold", ms, max);
    var handlerTimeout = r.duration(k + "handler-timeout", ms, max);
    var longTimer = r.duration(k + "long-timer", ms, max);
    if (cap.compareTo(initial) < 0) {
      throw new ConfigException(k + "max-retransmit", "must be at least " + k + "initial-retransmit");
    }
    if (longTimer.compareTo(requestTimeout) <= 0) {
      throw new ConfigException(k + "long-timer", "must exceed " + k + "request-timeout (a cached reply must"
          + " outlive every retransmission of its request)");
    }
    if (pendingWait.compareTo(pendingThreshold) <= 0) {
      throw new ConfigException(k + "pending-wait", "must exceed " + k + "pending-threshold");
    }
    try {
      return TransactionConfig.DEFAULT.withTimers(new TransactionTimers(initial, cap, retransmissions, requestTimeout,
          pendingWait, pendingThreshold, handlerTimeout, longTimer));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("iq.transactions", e.getMessage());
    }
  }

  private static InetSocketAddress iqBind(ConfigReader r, String key, LinkProtection protection) throws ConfigException {
    InetSocketAddress bind = r.socketAddress(key, true);
    if (protection == LinkProtection.NONE && !bind.getAddress().isLoopbackAddress()) {
      throw new ConfigException(key, bind.getAddress().getHostAddress() + " is not a loopback address and"
          + " iq.protection is none: Iq carries SRTP keys, bind to loopback or declare the link protected (ipsec)");
    }
    return bind;
  }

  private static void checkPeer(LinkProtection protection, String key, InetSocketAddress peer) throws ConfigException {
    if (protection == LinkProtection.NONE && !peer.getAddress().isLoopbackAddress()) {
      throw new ConfigException(key, peer.getAddress().getHostAddress() + " is not a loopback address and"
          + " iq.protection is none: Iq carries SRTP keys in clear (set iq.protection: ipsec once IPsec protects it)");
    }
  }

  private static List<AllowedPeer> peers(ConfigReader r, String key, LinkProtection protection) throws ConfigException {
    var peers = new ArrayList<AllowedPeer>();
    for (String item : r.list(key)) {
      InetSocketAddress peer = r.peer(key, item);
      if (peer.getAddress().isAnyLocalAddress()) {
        throw new ConfigException(key, "'" + item + "' is a wildcard address, not a peer");
      }
      checkPeer(protection, key, peer);
      peers.add(new AllowedPeer(peer.getAddress(), peer.getPort()));
    }
    return peers;
  }

  private static MId mId(ConfigReader r, String key) throws ConfigException {
    String value = r.nonBlank(key);
    try {
      int colon = value.lastIndexOf(':');
      String name = colon < 0 ? value : value.substring(0, colon);
      OptionalInt port = colon < 0 ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.substring(colon + 1)));
      if (name.startsWith("[") && name.endsWith("]")) {
        String address = name.substring(1, name.length() - 1);
        return address.indexOf(':') >= 0 ? new MId.Ip6(address, port) : new MId.Ip4(address, port);
      }
      return new MId.Domain(name, port);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, "'" + value + "' is not an H.248 mId such as pcscf1.example.net:2944 or"
          + " [192.0.2.10]:2944");
    }
  }

  private static ServiceChangeProfile profile(ConfigReader r, String key) throws ConfigException {
    String value = r.nonBlank(key);
    int slash = value.indexOf('/');
    try {
      return new ServiceChangeProfile(value.substring(0, slash), Integer.parseInt(value.substring(slash + 1)));
    } catch (RuntimeException e) {
      throw new ConfigException(key, "'" + value + "' is not name/version, e.g. iqprof/1");
    }
  }

  // ------------------------------------------------------------------ agw

  private static RelayConfig relay(ConfigReader r) throws ConfigException {
    Realm access = realm(r, Realm.ACCESS);
    Realm core = realm(r, Realm.CORE);
    if (access.bindAddress().equals(core.bindAddress())
        && access.ports().first() <= core.ports().last() && core.ports().first() <= access.ports().last()) {
      throw new ConfigException("agw.realms.core.ports", core.ports().first() + "-" + core.ports().last()
          + " overlaps agw.realms.access.ports on the same address");
    }
    int loops = r.integer("agw.event-loops", 0, 1024);
    try {
      return new RelayConfig(List.of(access, core), loops == 0 ? Runtime.getRuntime().availableProcessors() : loops,
          r.integer("agw.max-ssrcs-per-termination", 1, RelayConfig.MAX_SSRCS),
          r.integer("agw.receive-buffer-size", RelayConfig.MIN_RECEIVE_BUFFER, RelayConfig.MAX_RECEIVE_BUFFER),
          r.bool("agw.prefer-epoll"),
          r.integer("agw.receive-batch", 1, RelayConfig.MAX_RECEIVE_BATCH),
          r.duration("agw.controller-grace-time", Duration.ofSeconds(1), Duration.ofHours(24)),
          socketReceiveBuffer(r),
          r.bool("agw.connected-sockets"));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("agw", e.getMessage());
    }
  }

  private static int socketReceiveBuffer(ConfigReader r) throws ConfigException {
    int bytes = r.integer("agw.socket-receive-buffer", 0, RelayConfig.MAX_SOCKET_RECEIVE_BUFFER);
    if (bytes != 0 && bytes < RelayConfig.MIN_SOCKET_RECEIVE_BUFFER) {
      throw new ConfigException("agw.socket-receive-buffer", bytes + " is below "
          + RelayConfig.MIN_SOCKET_RECEIVE_BUFFER + " (0 = the kernel's default)");
    }
    return bytes;
  }

  private static Optional<MediaEventConfig> events(ConfigReader r) throws ConfigException {
    if (!r.bool("agw.events.enabled")) {
      return Optional.empty();
    }
    Duration sweep = r.duration("agw.events.sweep-interval", Duration.ofMillis(1), Duration.ofMinutes(1));
    Duration inactivity = r.duration("agw.events.inactivity-time", Duration.ofMillis(1), Duration.ofHours(24));
    if (inactivity.compareTo(sweep) < 0) {
      throw new ConfigException("agw.events.inactivity-time", "must be at least agw.events.sweep-interval");
    }
    int burst = r.integer("agw.events.auth-failure-burst", 1, 1_000_000);
    Duration window = r.duration("agw.events.auth-failure-window", Duration.ofMillis(1), Duration.ofHours(1));
    if (window.compareTo(sweep) < 0 || window.toNanos() / sweep.toNanos() > MediaEventConfig.MAX_WINDOW_SWEEPS) {
      throw new ConfigException("agw.events.auth-failure-window", "must be 1.." + MediaEventConfig.MAX_WINDOW_SWEEPS
          + " times agw.events.sweep-interval");
    }
    Duration minBurst = r.duration("agw.events.min-burst-interval", Duration.ZERO, Duration.ofHours(24));
    int perSweep = r.integer("agw.events.max-events-per-sweep", 1, 100_000);
    try {
      return Optional.of(new MediaEventConfig(sweep, inactivity, burst, window, minBurst, perSweep));
    } catch (IllegalArgumentException e) {
      throw new ConfigException("agw.events", e.getMessage());
    }
  }

  private static Realm realm(ConfigReader r, String name) throws ConfigException {
    String key = "agw.realms." + name;
    InetAddress address = r.address(key + ".address");
    int[] range = r.portRange(key + ".ports");
    return new Realm(name, address, new PortRange(range[0], range[1]));
  }

  // ------------------------------------------------------------------ module records

  /** The modules' constructors check more (e.g. the Iq allow-list); their refusals name our keys. */
  private static void checkModuleRecords(LauncherConfig config) throws ConfigException {
    try {
      config.iq().controllerConfig(Optional.empty());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("iq.controller", e.getMessage());
    }
    try {
      config.iq().gatewayConfig(config.iq().gateway().controller());
    } catch (IllegalArgumentException e) {
      throw new ConfigException("iq.gateway", e.getMessage());
    }
  }
}
