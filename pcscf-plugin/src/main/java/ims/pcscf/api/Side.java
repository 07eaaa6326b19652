package ims.pcscf.api;

/** The two faces of the P-CSCF. */
public enum Side {
  /** Toward the UEs (Gm). */
  ACCESS,
  /** Toward the I-/S-CSCF and the rest of the IMS core (Mw). */
  CORE
}
