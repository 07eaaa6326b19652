package ims.media.srtp.interop;

/**
 * Figures of a PCMA stream, accumulated frame by frame (one frame = one RTP payload): RMS energy, silent frames,
 * and the lag-1 autocorrelation of the decoded samples. The last one tells audio from ciphertext: sound sampled
 * at 8 kHz is strongly correlated from one sample to the next, while encrypted bytes expand to white noise
 * (correlation near 0) whose RMS is large too, so energy alone would not prove that decryption worked.
 */
final class PcmaSignal {

  /** A frame whose RMS is below this (16-bit scale, about -54 dBFS) counts as silent. */
  static final double SILENT_FRAME_RMS = 64;

  private double sumOfSquares;
  private double sumOfLag1Products;
  private long samples;
  private int frames;
  private int silentFrames;

  void addFrame(byte[] payload, int offset, int length) {
    double frameSquares = 0;
    double previous = 0;
    for (int i = offset; i < offset + length; i++) {
      double s = G711ALaw.decode(payload[i]);
      frameSquares += s * s;
      if (i > offset) sumOfLag1Products += s * previous;
      previous = s;
    }
    sumOfSquares += frameSquares;
    samples += length;
    frames++;
    if (length == 0 || Math.sqrt(frameSquares / length) < SILENT_FRAME_RMS) silentFrames++;
  }

  double rms() {
    return samples == 0 ? 0 : Math.sqrt(sumOfSquares / samples);
  }

  /** Sum of s[n]*s[n-1] within frames over sum of s[n]^2: about 1 for low-pass audio, about 0 for noise. */
  double lag1Correlation() {
    return sumOfSquares == 0 ? 0 : sumOfLag1Products / sumOfSquares;
  }

  int frames() {
    return frames;
  }

  int silentFrames() {
    return silentFrames;
  }

  long samples() {
    return samples;
  }

  @Override
  public String toString() {
    return "PcmaSignal[frames=" + frames + ", samples=" + samples + ", rms=" + Math.round(rms())
        + ", silentFrames=" + silentFrames + ", lag1=" + String.format("%.3f", lag1Correlation()) + "]";
  }
}
