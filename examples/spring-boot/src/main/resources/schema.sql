-- The sample's audit trail (docs/events.md, "A worked example"): one row per table an operation changed. Not in
-- the soft-delete policy: the library leaves it alone. Run by Spring Boot's SQL initialization at start.
CREATE TABLE IF NOT EXISTS deletion_audit (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    operation  text        NOT NULL,
    root_table text        NOT NULL,
    table_name text        NOT NULL,
    rows       bigint      NOT NULL,
    stamp      timestamptz,
    actor      text,
    recorded   timestamptz NOT NULL DEFAULT clock_timestamp()
);
