package ims.sdes.e2ae;

/**
 * The RFC 5939 configuration the P-CSCF accepted from a capability-negotiation offer: written back to the
 * UE as {@code a=acfg:<configuration> t=<transport> a=<attribute>}.
 */
public record CapabilityChoice(int configuration, int transport, int attribute) {

  String acfgValue() {
    return configuration + " t=" + transport + " a=" + attribute;
  }
}
