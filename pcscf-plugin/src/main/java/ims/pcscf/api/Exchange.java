package ims.pcscf.api;

/**
 * What the interceptor remembers about one forwarded request, handed back with each response to
 * it ({@link PcscfInterceptor#onResponse}). Opaque to the host; immutable; safe to keep in a
 * JAIN-SIP transaction's application data.
 */
public interface Exchange {}
