/**
 * The pre-flight check's judgement (issue 16): what the probes of an ACME domain found — its DNS answers, its CAA
 * records, what answered on the ports the CA will use, whether a DNS-01 record was written and seen — read into
 * plain-words findings that name the likely fix ({@link dev.certgate.core.preflight.PreflightFindings}), and the CAA
 * rules of RFC 8659 ({@link dev.certgate.core.preflight.Caa}). Pure functions: the probes themselves are ejb's
 * {@code dev.certgate.acme.PreflightProbes}. Nothing here accepts or returns null unless documented.
 */
package dev.certgate.core.preflight;
