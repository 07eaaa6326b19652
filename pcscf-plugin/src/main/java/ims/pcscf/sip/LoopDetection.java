package ims.pcscf.sip;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.ListIterator;
import java.util.UUID;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;

/**
 * RFC 3261 16.6 step 8 / 16.3 step 4: our Via branch embeds a hash of the fields that identify a
 * request (Request-URI, From tag, To tag, Call-ID, CSeq); a request that arrives with one of our
 * own Vias carrying the same hash has looped. A spiral (same request, new Request-URI) hashes
 * differently and is not a loop. Proxy-Require is left out of the hash because the P-CSCF itself
 * rewrites it (sec-agree removal).
 */
final class LoopDetection {

  /** RFC 3261 magic cookie plus our marker. */
  static final String BRANCH_PREFIX = "z9hG4bKpcscf";

  private LoopDetection() {}

  /** A fresh branch for forwarding {@code request}: prefix, loop hash, '.', random part. */
  static String newBranch(Request request) {
    return BRANCH_PREFIX + hash(request) + "." + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
  }

  /** True if {@code request} carries a Via from {@code us} whose branch has this request's hash. */
  static boolean isLoop(Request request, Endpoint us) {
    String expected = BRANCH_PREFIX + hash(request) + ".";
    ListIterator<?> vias = request.getHeaders(ViaHeader.NAME);
    while (vias != null && vias.hasNext()) {
      ViaHeader via = (ViaHeader) vias.next();
      String branch = via.getBranch();
      if (branch != null
          && branch.startsWith(expected)
          && us.host().equalsIgnoreCase(via.getHost())
          && us.listensOn(via.getPort())) {
        return true;
      }
    }
    return false;
  }

  static String hash(Request request) {
    var text = new StringBuilder();
    text.append(request.getRequestURI()).append('\n');
    FromHeader from = (FromHeader) request.getHeader(FromHeader.NAME);
    ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
    CallIdHeader callId = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
    CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
    text.append(from == null ? "" : from.getTag()).append('\n');
    text.append(to == null ? "" : to.getTag()).append('\n');
    text.append(callId == null ? "" : callId.getCallId()).append('\n');
    text.append(cseq == null ? "" : cseq.getSeqNumber() + " " + cseq.getMethod());
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is mandatory in every JDK", e);
    }
  }
}
