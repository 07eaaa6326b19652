package ims.benchmarks.relay;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * The plan file the load generator ({@code benchmarks/src/main/c/relay_load_gen.c}, format in {@code relay_load.h})
 * writes for the relay under test: the generator's UE and core sink ports and, per call, the UE's master key||salt
 * (the relay unprotects with it) and the gateway's (the relay protects toward the UE with it), 30 bytes each. Call i
 * uses {@code ue_sinks[i % K]} and {@code core_sinks[i % K]}, all on 127.0.0.1. Keys are held here, returned as copies
 * and wiped by {@link #close()}; never printed.
 */
public final class LoadPlan implements AutoCloseable {
  /** AES_CM_128_HMAC_SHA1_80 master key (16) and salt (14). */
  public static final int KEY_SALT_BYTES = 30;
  /** relay_load.h's MAX_SINKS. */
  private static final int MAX_SINKS = 64;
  /** relay_load_gen takes at most 2^24 calls (the call number sits in 24 bits of the SSRC). */
  private static final int MAX_CALLS = 0xffffff;

  private final List<Integer> ueSinks;
  private final List<Integer> coreSinks;
  private final byte[][] ueKeys;
  private final byte[][] agwKeys;

  private LoadPlan(List<Integer> ueSinks, List<Integer> coreSinks, byte[][] ueKeys, byte[][] agwKeys) {
    this.ueSinks = List.copyOf(ueSinks);
    this.coreSinks = List.copyOf(coreSinks);
    this.ueKeys = ueKeys;
    this.agwKeys = agwKeys;
  }

  /** Reads and checks a plan; {@link IOException} names the first line that is wrong (never its keys). */
  public static LoadPlan read(Path file) throws IOException {
    return parse(Files.readAllLines(file, StandardCharsets.US_ASCII));
  }

  static LoadPlan parse(List<String> lines) throws IOException {
    int calls = -1;
    List<Integer> ue = new ArrayList<>();
    List<Integer> core = new ArrayList<>();
    List<byte[]> ueKeys = new ArrayList<>();
    List<byte[]> agwKeys = new ArrayList<>();
    int lineNo = 0;
    for (String line : lines) {
      lineNo++;
      String[] f = line.trim().split("\\s+");
      try {
        switch (f[0]) {
          case "calls" -> {
            calls = Integer.parseInt(f[1]);
            if (calls < 1 || calls > MAX_CALLS) {
              throw new IOException("plan line " + lineNo + ": call count out of range");
            }
          }
          case "ue_sinks" -> ports(f, ue, lineNo);
          case "core_sinks" -> ports(f, core, lineNo);
          case "key" -> {
            if (f.length != 4 || Integer.parseInt(f[1]) != ueKeys.size()) {
              throw new IOException("plan line " + lineNo + ": key line malformed or out of order");
            }
            ueKeys.add(key(f[2], lineNo));
            agwKeys.add(key(f[3], lineNo));
          }
          default -> {
          }
        }
      } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
        throw new IOException("plan line " + lineNo + ": malformed");
      }
    }
    if (calls < 1 || ueKeys.size() != calls || ue.isEmpty() || core.isEmpty()) {
      throw new IOException("plan: incomplete (" + calls + " calls, " + ueKeys.size() + " keys, " + ue.size() + "+"
          + core.size() + " sinks)");
    }
    return new LoadPlan(ue, core, ueKeys.toArray(byte[][]::new), agwKeys.toArray(byte[][]::new));
  }

  private static void ports(String[] f, List<Integer> into, int lineNo) throws IOException {
    int n = Integer.parseInt(f[1]);
    if (n < 1 || n > MAX_SINKS || f.length != 2 + n) {
      throw new IOException("plan line " + lineNo + ": sink list malformed");
    }
    for (int i = 0; i < n; i++) {
      int port = Integer.parseInt(f[2 + i]);
      if (port < 1 || port > 65_535) {
        throw new IOException("plan line " + lineNo + ": port out of range");
      }
      into.add(port);
    }
  }

  private static byte[] key(String hex, int lineNo) throws IOException {
    if (hex.length() != 2 * KEY_SALT_BYTES) {
      throw new IOException("plan line " + lineNo + ": key is not " + KEY_SALT_BYTES + " bytes of hex");
    }
    try {
      return HexFormat.of().parseHex(hex);
    } catch (IllegalArgumentException e) {
      throw new IOException("plan line " + lineNo + ": key is not hex");
    }
  }

  public int calls() {
    return ueKeys.length;
  }

  /** The generator socket that plays call i's UE: it sends call i's SRTP and receives what the relay protects. */
  public int ueSink(int call) {
    return ueSinks.get(checked(call) % ueSinks.size());
  }

  /** The generator socket that plays call i's core peer (plain RTP both ways). */
  public int coreSink(int call) {
    return coreSinks.get(checked(call) % coreSinks.size());
  }

  public List<Integer> ueSinks() {
    return ueSinks;
  }

  public List<Integer> coreSinks() {
    return coreSinks;
  }

  /** A copy of call i's UE master key||salt. */
  public byte[] ueKey(int call) {
    return ueKeys[checked(call)].clone();
  }

  /** A copy of call i's gateway master key||salt (toward the UE), for relays that take the key they are given. */
  public byte[] agwKey(int call) {
    return agwKeys[checked(call)].clone();
  }

  private int checked(int call) {
    if (call < 0 || call >= ueKeys.length) {
      throw new IndexOutOfBoundsException("call " + call + " of " + ueKeys.length);
    }
    return call;
  }

  /** Wipes every key. */
  @Override
  public void close() {
    for (byte[] k : ueKeys) {
      Arrays.fill(k, (byte) 0);
    }
    for (byte[] k : agwKeys) {
      Arrays.fill(k, (byte) 0);
    }
  }

  @Override
  public String toString() {
    return "LoadPlan[" + calls() + " calls, ue sinks " + ueSinks + ", core sinks " + coreSinks + "]";
  }
}
