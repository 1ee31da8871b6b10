-- certgate schema, version 3: indexes for the certificate list at scale (measured by bench/list-100k.sh; figures in
-- docs/benchmarks.md). One statement per change: the common subset of MariaDB and H2 (MODE=MariaDB).
-- The list first selects the page's ids, then reads those rows (CertificateSearch). These indexes let the first step
-- read narrow index entries only, never the wide rows (chain PEM, sealed key), which at 100 000 certificates do not
-- fit in a default InnoDB buffer pool: each index holds the sort key, then id (the tie-breaker, so ORDER BY key, id
-- is the index's own order), then common_name, so the name filter is checked in the index too. A substring filter
-- (LIKE '%x%') cannot seek a B-tree index; this only keeps its scan narrow.

-- not_after, id, common_name replaces not_after alone (it serves every query that one did).
ALTER TABLE certificate DROP INDEX ix_certificate_not_after;
CREATE INDEX ix_certificate_not_after_id_name ON certificate (not_after, id, common_name);
-- sort=createdAt had no index at all (a full scan and a sort of every row).
CREATE INDEX ix_certificate_created_at_id_name ON certificate (created_at, id, common_name);
