package ims.iq.message;

import java.util.Objects;
import java.util.regex.Pattern;

/** {@code yyyymmddThhmmssss} (H.248.1 Annex B {@code TimeStamp}: 8 digits, "T", 8 digits). */
public record TimeStamp(String date, String time) {
  private static final Pattern EIGHT_DIGITS = Pattern.compile("[0-9]{8}");

  public TimeStamp {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(time, "time");
    if (!EIGHT_DIGITS.matcher(date).matches() || !EIGHT_DIGITS.matcher(time).matches()) {
      throw new IllegalArgumentException("a time stamp is 8 digits T 8 digits");
    }
  }

  @Override
  public String toString() {
    return date + "T" + time;
  }
}
