package ims.launcher;

import ims.launcher.config.ConfigException;
import ims.launcher.config.ConfigParser;
import ims.launcher.config.ConfigSource;
import ims.launcher.config.LauncherConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ims-e2ae}: runs the P-CSCF, the IMS-AGW or both (one JVM, Iq over UDP on the loopback) until SIGTERM or
 * Ctrl-C; {@code ims-e2ae state} prints the live state of a running one.
 */
@Command(name = "ims-e2ae", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    subcommands = {StateCommand.class},
    description = {"IMS media plane security, end-to-access-edge (TS 33.328): P-CSCF and IMS-AGW.",
        "Without --config the embedded default (config/pcscf-agw.yaml) runs both on 127.0.0.1."},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped cleanly (SIGTERM, Ctrl-C)", "1:internal error", "2:bad command line or configuration",
        "3:no JDK 21 or newer (start script)", "4:cannot start (port in use, address not on this host)",
        "5:state: HTTP endpoint unreachable"})
public final class Main implements Callable<Integer> {
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  /** How long the start waits for the Iq link before saying it is still waiting (the process keeps running). */
  private static final Duration READY_NOTICE = Duration.ofSeconds(10);

  @Option(names = "--role", paramLabel = "pcscf|agw|both", description = "What to run (overrides the key 'role').")
  private String role;

  @Option(names = {"-c", "--config"}, paramLabel = "FILE",
      description = "YAML file laid over the embedded default (or IMS_E2AE_CONFIG).")
  private Path config;

  @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Overrides one key, e.g. --set pcscf.access.udp-port=5070.")
  private List<String> sets = new ArrayList<>();

  @Option(names = "--check", description = "Validates the configuration, prints the effective one and exits.")
  private boolean check;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this in-process for configuration errors). */
  static int run(String... args) {
    var cli = new CommandLine(new Main());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      commandLine.getErr().println("ims-e2ae: internal error: " + e);
      log.error("Internal error", e);
      return ExitCode.INTERNAL;
    });
    return cli.execute(args);
  }

  @Override
  public Integer call() {
    PrintWriter err = new PrintWriter(System.err, true);
    LauncherConfig effective;
    try {
      effective = load(System.getenv());
    } catch (ConfigException e) {
      err.println("ims-e2ae: configuration error: " + e.getMessage());
      return ExitCode.CONFIG;
    }
    if (check) {
      return ExitCode.OK;
    }
    // Installed before the parts start: a signal during start-up stops cleanly once they are up.
    var stop = new CountDownLatch(1);
    Signals.onStop(stop::countDown);
    long started = System.nanoTime();
    log.info("Starting ims-e2ae, role {}", effective.role().configName());
    Launch launch;
    try {
      launch = Launch.start(effective);
    } catch (StartException e) {
      err.println("ims-e2ae: cannot start: " + e.getMessage());
      return ExitCode.START;
    }
    log.info("Started in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    launch.printAddresses(System.out);
    try {
      if (launch.awaitReady(READY_NOTICE)) {
        System.out.println("Ready: the Iq link is in service. Ctrl-C (or SIGTERM) stops.");
      } else {
        System.out.println("Running, not ready yet: waiting for the Iq link (see /health/ready). Ctrl-C stops.");
      }
      System.out.flush();
      while (!stop.await(1, TimeUnit.SECONDS)) {
        // The main thread only waits; the parts run on their own threads.
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    log.info("Stopping (signal received)");
    launch.stop(effective.drainTimeout());
    System.out.println("ims-e2ae stopped.");
    return ExitCode.OK;
  }

  private LauncherConfig load(Map<String, String> env) throws ConfigException {
    Optional<Path> file = Optional.ofNullable(config)
        .or(() -> Optional.ofNullable(env.get("IMS_E2AE_CONFIG")).filter(s -> !s.isBlank()).map(Path::of));
    var tree = ConfigSource.load(file, env, sets);
    if (role != null) {
      tree.put("role", role);
    }
    LauncherConfig parsed = ConfigParser.parse(tree);
    if (check) {
      System.out.print(ConfigSource.toYaml(tree));
      System.out.println("# configuration OK" + file.map(f -> ": " + f).orElse(" (embedded default)"));
    }
    return parsed;
  }

  /** The version from the jar's manifest (the build's project version). */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = Main.class.getPackage().getImplementationVersion();
      return new String[] {"ims-e2ae " + (v == null ? "(development build)" : v) + ", Java "
          + Runtime.version()};
    }
  }
}
