package ims.launcher;

/** The process's exit codes (also listed by {@code ims-e2ae --help} and in the README). */
final class ExitCode {
  /** Stopped cleanly (SIGTERM, SIGINT/Ctrl-C), or a subcommand succeeded. */
  static final int OK = 0;
  /** An unexpected internal error (a bug: the log says where). */
  static final int INTERNAL = 1;
  /** Bad command line or configuration (the message names the option or key). */
  static final int CONFIG = 2;
  /** No JDK 21 or newer (the start script). */
  static final int NO_JDK = 3;
  /** A part could not start: a port in use, an address not on this host. */
  static final int START = 4;
  /** {@code state}: the HTTP endpoint could not be reached or answered an error. */
  static final int UNREACHABLE = 5;

  private ExitCode() {}
}
