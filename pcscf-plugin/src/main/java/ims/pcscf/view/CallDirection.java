package ims.pcscf.view;

/** Which side the initial INVITE of a call leg came from. */
public enum CallDirection {
  /** From a UE on the access side (TS 33.328 7.2: the UE offers). */
  ORIGINATING,
  /** From the core toward a UE (TS 33.328 7.3). */
  TERMINATING
}
