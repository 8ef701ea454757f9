-- db/migration/V4__other_marker_kinds.sql on MariaDB: three tables whose markers are not
-- "deleted_at", related by keys to the existing tables and to each other across marker kinds
-- (CASCADE and RESTRICT):
--
--   products     a timestamp with another name:  archived_at DATETIME(6) (NULL: live)
--   documents    a boolean flag plus who deleted: is_deleted BOOLEAN NOT NULL, deleted_by TEXT
--   attachments  a flag plus a timestamp:        removed BOOLEAN NOT NULL, removed_at DATETIME(6)
--
-- BOOLEAN is MariaDB's TINYINT(1); jOOQ binds Java booleans to it as 1 and 0.

CREATE TABLE products (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    owner_id    BIGINT NOT NULL,
    category_id BIGINT,
    name        TEXT NOT NULL,
    archived_at DATETIME(6),
    CONSTRAINT products_pkey PRIMARY KEY (id),
    CONSTRAINT products_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT products_category_id_fkey FOREIGN KEY (category_id)
        REFERENCES categories (id) ON DELETE RESTRICT
) ENGINE = InnoDB;

CREATE TABLE documents (
    id         BIGINT NOT NULL AUTO_INCREMENT,
    owner_id   BIGINT NOT NULL,
    product_id BIGINT,
    title      VARCHAR(255) NOT NULL,
    is_deleted BOOLEAN NOT NULL DEFAULT FALSE,
    deleted_by TEXT,
    -- PostgreSQL: CREATE UNIQUE INDEX documents_owner_id_title_live_key ON documents (owner_id, title)
    -- WHERE NOT is_deleted. A live-only unique key on a flag table: a deleted document's title can be
    -- used again.
    title_live VARCHAR(255) AS (IF(is_deleted, NULL, title)) VIRTUAL,
    CONSTRAINT documents_pkey PRIMARY KEY (id),
    CONSTRAINT documents_owner_id_title_live_key UNIQUE (owner_id, title_live),
    CONSTRAINT documents_owner_id_fkey FOREIGN KEY (owner_id)
        REFERENCES users (id) ON DELETE CASCADE,
    CONSTRAINT documents_product_id_fkey FOREIGN KEY (product_id)
        REFERENCES products (id) ON DELETE RESTRICT
) ENGINE = InnoDB;

CREATE TABLE attachments (
    id          BIGINT NOT NULL AUTO_INCREMENT,
    document_id BIGINT NOT NULL,
    post_id     BIGINT,
    file_name   TEXT NOT NULL,
    removed     BOOLEAN NOT NULL DEFAULT FALSE,
    removed_at  DATETIME(6),
    CONSTRAINT attachments_pkey PRIMARY KEY (id),
    CONSTRAINT attachments_document_id_fkey FOREIGN KEY (document_id)
        REFERENCES documents (id) ON DELETE CASCADE,
    CONSTRAINT attachments_post_id_fkey FOREIGN KEY (post_id)
        REFERENCES posts (id) ON DELETE RESTRICT
) ENGINE = InnoDB;

-- PostgreSQL's V4 also creates live-row and deleted-row partial indexes here; as for V2's, their
-- MariaDB form is V5's (fk, marker) index, which serves the live and the deleted rows alike.
