package ims.sdes.sdp;

import java.util.AbstractList;
import java.util.List;
import java.util.RandomAccess;

/**
 * The format tokens of a {@link MediaDescription}: an unmodifiable list whose every token has been
 * checked once (non-empty, no space, CR or LF), kept as the single-space-separated text of the m= line.
 *
 * <p>Why a class of its own: a parsed m= line's formats are not cut into strings unless asked for (the
 * transforms only copy them into the rewritten m= line, in one append), and a description derived from a
 * checked one ({@code withPort}, {@code withProto}) recognises the list as checked instead of checking
 * every token again. Equality, hash code and {@code toString} are those of any {@link List}.
 */
final class FormatList extends AbstractList<String> implements RandomAccess {

  /** The tokens are {@code text[start, end)}, separated by exactly one space. */
  private final String text;
  private final int start;
  private final int end;
  private final int size;
  /** The tokens, cut out on first {@link #get}; volatile so another thread never sees the array half filled. */
  private volatile String[] tokens;

  private FormatList(String text, int start, int end, int size, String[] tokens) {
    this.text = text;
    this.start = start;
    this.end = end;
    this.size = size;
    this.tokens = tokens;
  }

  /**
   * The formats of an m= value whose tail {@code value[start, end)} the caller has checked: {@code size}
   * non-empty tokens separated by single spaces, without CR or LF.
   */
  static FormatList checked(String value, int start, int end, int size) {
    return new FormatList(value, start, end, size, null);
  }

  /**
   * {@code formats} itself if it is a {@code FormatList} (checked when it was made), else a checked copy.
   *
   * @throws NullPointerException if the list or a token is null
   * @throws IllegalArgumentException if the list is empty or a token is not a token
   */
  static FormatList of(List<String> formats) {
    if (formats instanceof FormatList checked) {
      return checked;
    }
    List<String> copy = List.copyOf(formats);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("at least one format");
    }
    for (int i = 0; i < copy.size(); i++) {
      MediaDescription.requireField(copy.get(i), "format");
    }
    String[] tokens = copy.toArray(new String[0]);
    String text = String.join(" ", tokens);
    return new FormatList(text, 0, text.length(), tokens.length, tokens);
  }

  /** Appends the tokens as the m= line writes them: single spaces between. */
  void appendTo(StringBuilder sb) {
    sb.append(text, start, end);
  }

  /** Characters {@link #appendTo} appends. */
  int textLength() {
    return end - start;
  }

  @Override
  public String get(int index) {
    return tokens()[index];
  }

  @Override
  public int size() {
    return size;
  }

  private String[] tokens() {
    String[] t = tokens;
    if (t == null) {
      t = new String[size];
      int from = start;
      for (int k = 0; k < size; k++) {
        int tokenEnd = k == size - 1 ? end : text.indexOf(' ', from);
        t[k] = text.substring(from, tokenEnd);
        from = tokenEnd + 1;
      }
      tokens = t;
    }
    return t;
  }
}
