package ims.pcscf.policy;

/** What the P-CSCF does when a UE requests e2ae on a session and the P-CSCF cannot provide it. */
public enum E2aeUnavailableAction {
  /** Answer 488 Not Acceptable Here with a Warning; the UE may retry without e2ae. */
  REJECT_488,
  /** Forward the offer unchanged: the UE's SDES then runs end to end, if the far end supports it. */
  FORWARD_AS_IS
}
