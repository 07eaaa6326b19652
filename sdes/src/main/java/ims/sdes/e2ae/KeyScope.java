package ims.sdes.e2ae;

import ims.sdes.SdesParseException;
import ims.sdes.attribute.CryptoAttribute;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * What every transform does around its work: bad SDP met on the way becomes a {@link Rejection.MalformedSdp},
 * and the crypto attributes (keys) the transform creates or keeps on the way are wiped unless it returns
 * {@link E2aeResult.Ok}, whose value then owns them. Also on a caller bug (an exception leaving the
 * transform), so no key outlives a failed transform.
 */
final class KeyScope {
  private final List<CryptoAttribute> held = new ArrayList<>(2);

  private KeyScope() {}

  /** Runs {@code transform} in a new scope. */
  static <T> E2aeResult<T> run(Function<KeyScope, E2aeResult<T>> transform) {
    KeyScope scope = new KeyScope();
    E2aeResult<T> result = null;
    try {
      result = transform.apply(scope);
    } catch (SdesParseException e) {
      result = E2aeResult.rejected(new Rejection.MalformedSdp(e.getMessage()));
    } finally {
      if (!(result instanceof E2aeResult.Ok<T>)) {
        scope.held.forEach(CryptoAttribute::close);
      }
    }
    return result;
  }

  /** Holds {@code key} for the result: wiped if the transform does not succeed. */
  CryptoAttribute hold(CryptoAttribute key) {
    held.add(key);
    return key;
  }
}
