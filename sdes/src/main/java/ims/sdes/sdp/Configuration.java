package ims.sdes.sdp;

import ims.sdes.SdesParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * An RFC 5939 potential configuration ({@code a=pcfg}, section 3.5.1) or actual configuration
 * ({@code a=acfg}, section 3.5.2), reduced to what SDES negotiation needs: which transport capabilities
 * ({@code t=}) and which attribute capabilities ({@code a=}) it uses. Optional attribute capabilities
 * ({@code [n]}) count as used; delete markers ({@code -m}, {@code -s}, {@code -ms}) and extension
 * configurations are accepted and not modelled.
 *
 * @param transports the {@code t=} alternatives in preference order (empty: the m= line's own protocol)
 * @param attributeAlternatives the {@code a=} alternatives, each a list of attribute capability numbers
 */
public record Configuration(int number, List<Integer> transports, List<List<Integer>> attributeAlternatives) {

  public static final String POTENTIAL = "pcfg";
  public static final String ACTUAL = "acfg";

  public Configuration {
    if (number < 1 || number > Capabilities.MAX_NUMBER) {
      throw new IllegalArgumentException("configuration number out of range: " + number);
    }
    transports = List.copyOf(transports);
    attributeAlternatives = attributeAlternatives.stream().map(List::copyOf).toList();
  }

  /** Parses the value of an {@code a=pcfg} or {@code a=acfg} line. */
  public static Configuration parse(String value) {
    String[] parts = value.strip().split("[ \t]+");
    int number = Capabilities.parseNumber(parts[0], "a=pcfg/acfg");
    List<Integer> transports = List.of();
    List<List<Integer>> attributes = List.of();
    for (int i = 1; i < parts.length; i++) {
      String p = parts[i];
      if (p.startsWith("t=")) {
        transports = numbers(p.substring(2).split("\\|", -1), "t=");
      } else if (p.startsWith("a=")) {
        attributes = attributeAlternatives(p.substring(2));
      } else if (p.indexOf('=') < 1) {
        throw new SdesParseException("a=pcfg/acfg entry is not '<x>=<list>'", -1);
      } // else: an extension configuration, not modelled
    }
    return new Configuration(number, transports, attributes);
  }

  private static List<List<Integer>> attributeAlternatives(String s) {
    String lists = s;
    if (s.startsWith("-")) {
      int colon = s.indexOf(':');
      String delete = colon < 0 ? s : s.substring(0, colon);
      if (!(delete.equals("-m") || delete.equals("-s") || delete.equals("-ms"))) {
        throw new SdesParseException("a=pcfg/acfg delete marker must be -m, -s or -ms", -1);
      }
      if (colon < 0) {
        return List.of();
      }
      lists = s.substring(colon + 1);
    }
    List<List<Integer>> alternatives = new ArrayList<>();
    for (String alternative : lists.split("\\|", -1)) {
      alternatives.add(numbers(alternative.replace("[", "").replace("]", "").split(",", -1), "a="));
    }
    return alternatives;
  }

  private static List<Integer> numbers(String[] items, String where) {
    if (items.length > 64) {
      throw new SdesParseException("a=pcfg/acfg " + where + " list is too long", -1);
    }
    List<Integer> out = new ArrayList<>(items.length);
    for (String item : items) {
      out.add(Capabilities.parseNumber(item, "a=pcfg/acfg " + where));
    }
    return out;
  }
}
