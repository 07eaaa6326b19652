package ims.launcher;

import java.net.BindException;

/** A part of the product could not start (a port in use, an address we cannot bind): exit code 4. */
final class StartException extends Exception {
  private static final long serialVersionUID = 1L;

  StartException(String message, Throwable cause) {
    super(message, cause);
  }

  /** {@code what} failed because of {@code cause}; an address already in use is said so plainly. */
  static StartException of(String what, Throwable cause) {
    return new StartException(what + ": " + describe(cause), cause);
  }

  static String describe(Throwable cause) {
    for (Throwable t = cause; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (t instanceof BindException || message.contains("Address already in use")) {
        return "address already in use (another process holds the port; change it in the configuration)";
      }
      if (message.contains("Cannot assign requested address")) {
        return "cannot assign the requested address (not an address of this host)";
      }
    }
    return cause.toString();
  }
}
