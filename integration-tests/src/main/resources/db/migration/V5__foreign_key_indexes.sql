-- Issue 16: one index per foreign key of a soft-deletable table, over all its rows, leading with the
-- key's columns and ending with the table's marker column, exactly as the schema lint recommends.
--
-- The live-row partial indexes of V2 and V4 served reads and soft cascades, which look at live rows
-- only, but not the lookups among deleted rows:
--   * a restore brings back the children a delete took: child.fk = parent key AND child marker = stamp;
--   * a purge or hard delete of a parent makes PostgreSQL's own foreign key check (or its ON DELETE
--     action) look up every child, deleted ones included.
-- Without an index over all rows each of those lookups scanned the table: restores were quadratic
-- (BENCHMARKS.md, "Cost curves"), and a 1,000-row purge batch took 25 s instead of 150 ms.
-- (fk, marker) serves all of them and live reads too (fk = ? AND deleted_at IS NULL, or NOT is_deleted,
-- is an index condition on both columns), so it replaces the partial indexes, which are dropped.
--
-- likes.user_id needs none: it leads the primary key (user_id, comment_id), an index over all rows.

DROP INDEX posts_author_id_live_idx, posts_category_id_live_idx, posts_editor_id_live_idx,
    comments_post_id_live_idx, comments_author_id_live_idx, comments_parent_id_live_idx, likes_comment_id_live_idx,
    products_owner_id_live_idx, products_category_id_live_idx, documents_owner_id_live_idx, documents_product_id_live_idx,
    attachments_document_id_live_idx, attachments_post_id_live_idx,
    documents_owner_id_deleted_idx, attachments_document_id_deleted_idx, products_owner_id_deleted_idx;

CREATE INDEX posts_author_id_idx         ON posts (author_id, deleted_at);
CREATE INDEX posts_category_id_idx       ON posts (category_id, deleted_at);
CREATE INDEX posts_editor_id_idx         ON posts (editor_id, deleted_at);
CREATE INDEX comments_post_id_idx        ON comments (post_id, deleted_at);
CREATE INDEX comments_author_id_idx      ON comments (author_id, deleted_at);
CREATE INDEX comments_parent_id_idx      ON comments (parent_id, deleted_at);
CREATE INDEX likes_comment_id_idx        ON likes (comment_id, deleted_at);
CREATE INDEX products_owner_id_idx       ON products (owner_id, archived_at);
CREATE INDEX products_category_id_idx    ON products (category_id, archived_at);
CREATE INDEX documents_owner_id_idx      ON documents (owner_id, is_deleted);
CREATE INDEX documents_product_id_idx    ON documents (product_id, is_deleted);
CREATE INDEX attachments_document_id_idx ON attachments (document_id, removed);
CREATE INDEX attachments_post_id_idx     ON attachments (post_id, removed);
