/**
 * Read-only, key-free views of a running P-CSCF for monitoring: active calls and their streams'
 * security modes. Immutable records, safe to read from any thread.
 */
package ims.pcscf.view;
