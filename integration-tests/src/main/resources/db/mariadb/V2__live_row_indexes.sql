-- db/migration/V2__live_row_indexes.sql on MariaDB. Its partial indexes (fk) WHERE deleted_at IS NULL
-- have no MariaDB form: MariaDB has no partial index. PostgreSQL's V5 replaced them with plain indexes
-- over (fk, marker), which serve "fk = ? AND deleted_at IS NULL" as well, so this schema creates those
-- in its V5 and skips the interim ones. Until then InnoDB's own index per foreign key (named after
-- the constraint, dropped by InnoDB once V5's index leads with the same column) serves the keys.

-- post_tags is not soft-deletable; its primary key leads with post_id, so tag_id needs its own.
CREATE INDEX post_tags_tag_id_idx ON post_tags (tag_id);
