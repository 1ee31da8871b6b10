package dev.certgate.core.preflight;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The CAA rules of RFC 8659 a CA applies before it issues: the relevant record set is the first non-empty one found
 * from the name up its parents; in it, {@code issuewild} properties govern a wildcard when there are any, else
 * {@code issue}; an issuer value permits the CA whose CAA identity (its directory's {@code caaIdentities}) is the
 * value's domain part; an empty value permits no CA; an unknown property flagged critical forbids every CA.
 */
public final class Caa {

    /** The flag of a critical property (RFC 8659 §4.1: bit 0, the value 128). */
    public static final int CRITICAL = 128;

    private static final List<String> KNOWN_TAGS = List.of("issue", "issuewild", "iodef", "contactemail",
            "contactphone", "issuemail", "issuevmc");

    private Caa() {
    }

    /** One CAA record: its flags, its tag and its value (without quotes). */
    public record Record(int flags, String tag, String value) {
        public Record {
            tag = Objects.requireNonNull(tag, "tag").toLowerCase(Locale.ROOT);
            value = Objects.requireNonNull(value, "value").strip();
        }

        /** The issuer domain of an issue or issuewild value, lower case; empty for ";" (no CA). */
        public String issuer() {
            int semicolon = value.indexOf(';');
            return (semicolon < 0 ? value : value.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return flags + " " + tag + " \"" + value + "\"";
        }
    }

    /** What the relevant record set says about one CA. */
    public enum Verdict {
        /** No record restricts issuance (no set, or a set without issue properties for this kind of name). */
        UNRESTRICTED,
        /** A record names one of the CA's identities. */
        PERMITTED,
        /** The records name other CAs only, or no CA, or a critical property certgate does not know. */
        FORBIDDEN,
        /** The records name CAs, and the CA published no CAA identity to compare with. */
        UNKNOWN_CA
    }

    /**
     * The verdict of the relevant record set for a CA.
     *
     * @param records      the relevant set (empty when no name up the tree has CAA records)
     * @param wildcard     whether the name ordered is a wildcard
     * @param caIdentities the CA's CAA identities (empty when its directory names none)
     */
    public static Verdict verdict(List<Record> records, boolean wildcard, Collection<String> caIdentities) {
        Objects.requireNonNull(records, "records");
        Objects.requireNonNull(caIdentities, "caIdentities");
        if (criticalUnknown(records).isPresent()) {
            return Verdict.FORBIDDEN;
        }
        List<Record> governing = governing(records, wildcard);
        if (governing.isEmpty()) {
            return Verdict.UNRESTRICTED;
        }
        List<String> issuers = governing.stream().map(Record::issuer).filter(i -> !i.isEmpty()).toList();
        if (issuers.isEmpty()) {
            return Verdict.FORBIDDEN;
        }
        List<String> identities = caIdentities.stream().map(i -> i.strip().toLowerCase(Locale.ROOT)).toList();
        if (identities.isEmpty()) {
            return Verdict.UNKNOWN_CA;
        }
        return issuers.stream().anyMatch(identities::contains) ? Verdict.PERMITTED : Verdict.FORBIDDEN;
    }

    /** The issue (or, for a wildcard that has them, issuewild) records that decide. */
    public static List<Record> governing(List<Record> records, boolean wildcard) {
        if (wildcard) {
            List<Record> wild = records.stream().filter(r -> r.tag().equals("issuewild")).toList();
            if (!wild.isEmpty()) {
                return wild;
            }
        }
        return records.stream().filter(r -> r.tag().equals("issue")).toList();
    }

    /** The CAs the governing records permit, by their issuer domain, in order, without repeats. */
    public static List<String> permittedIssuers(List<Record> records, boolean wildcard) {
        List<String> issuers = new ArrayList<>();
        for (Record record : governing(records, wildcard)) {
            String issuer = record.issuer();
            if (!issuer.isEmpty() && !issuers.contains(issuer)) {
                issuers.add(issuer);
            }
        }
        return issuers;
    }

    /** The first property flagged critical whose tag certgate does not know, if any. */
    public static Optional<Record> criticalUnknown(List<Record> records) {
        return records.stream().filter(r -> (r.flags() & CRITICAL) != 0 && !KNOWN_TAGS.contains(r.tag()))
                .findFirst();
    }
}
