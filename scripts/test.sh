#!/usr/bin/env bash
# The whole test suite on a fresh Debian 12 machine: installs what the tests need, then `mvn -B verify`.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
. scripts/packages.sh
# gcc + libsrtp2-dev: the libsrtp cross-check helper is compiled by the tests.
# tshark, erlang-megaco: independent decoders of our Iq messages.
# sip-tester: SIPp drives SIP scenarios through the P-CSCF.
# kamailio: the registrar / S-CSCF-like core of the integration tests (started by them on a free port).
ensure_packages gcc libc6-dev pkg-config libsrtp2-dev tshark erlang-base erlang-megaco erlang-dev sip-tester kamailio
echo "Using JDK at $JAVA_HOME ($(java_major "$JAVA_HOME/bin/java"))" >&2
exec mvn -B -ntp verify "$@"
