package ims.pcscf.registration;

/** What a store update did. */
public enum StoreOutcome {
  /** A new binding was stored. */
  ADDED,
  /** An existing binding (same AoR and contact) was replaced: re-registration. */
  REFRESHED,
  /** The binding was removed (expires=0). */
  REMOVED,
  /** A removal named a binding the store does not hold. */
  ABSENT,
  /** The store is full of live bindings; the new binding was not stored. */
  REJECTED_FULL
}
