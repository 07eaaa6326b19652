package ims.iq.message;

/** The descriptors this implementation models (H.248.1 clause 7.1). Modem, Mux, EventBuffer and Topology are not. */
public sealed interface Descriptor
    permits Media, Events, Signals, DigitMap, Audit, Statistics, ObservedEvents, ErrorDescriptor, Packages {
}
