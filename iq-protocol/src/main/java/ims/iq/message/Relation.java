package ims.iq.message;

/** The relation in a property parameter: {@code =}, {@code >}, {@code <}, {@code #} (not equal). */
public enum Relation {
  EQUAL('='), GREATER('>'), LESS('<'), NOT_EQUAL('#');

  private final char symbol;

  Relation(char symbol) {
    this.symbol = symbol;
  }

  public char symbol() {
    return symbol;
  }
}
