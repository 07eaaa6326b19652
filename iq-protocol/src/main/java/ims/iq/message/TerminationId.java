package ims.iq.message;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A termination identifier (H.248.1 Annex B {@code TerminationID}): {@code ROOT}, {@code $} (CHOOSE), {@code *} (ALL)
 * or a path name such as {@code ip/1/access/17}, where {@code *} and {@code $} inside the name are wildcards.
 */
public record TerminationId(String name) {
  // Declared before the constants below, which use it during class initialisation.
  private static final Pattern PATH_NAME =
      Pattern.compile("\\*?[A-Za-z][A-Za-z0-9_/*$]*(@[A-Za-z0-9.\\-\\[\\]:]+)?");
  public static final TerminationId ROOT = new TerminationId("ROOT");
  public static final TerminationId CHOOSE = new TerminationId("$");
  public static final TerminationId ALL = new TerminationId("*");
  public static final int MAX_LENGTH = 128;


  public TerminationId {
    Objects.requireNonNull(name, "name");
    if (name.equalsIgnoreCase("ROOT")) name = "ROOT";
    boolean special = name.equals("$") || name.equals("*");
    if (!special && (name.length() > MAX_LENGTH || !PATH_NAME.matcher(name).matches())) {
      throw new IllegalArgumentException("not a termination id: " + name);
    }
  }

  public static TerminationId of(String name) {
    return new TerminationId(name);
  }

  public boolean isRoot() {
    return name.equals("ROOT");
  }

  public boolean isChoose() {
    return name.equals("$");
  }

  /** True when the id selects several terminations or asks the gateway to choose ({@code *} or {@code $}). */
  public boolean isWildcard() {
    return !isRoot() && (name.indexOf('*') >= 0 || name.indexOf('$') >= 0);
  }

  @Override
  public String toString() {
    return name;
  }
}
