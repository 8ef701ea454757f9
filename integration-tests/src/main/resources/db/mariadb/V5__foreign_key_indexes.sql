-- db/migration/V5__foreign_key_indexes.sql on MariaDB (issue 16): one index per foreign key of a
-- soft-deletable table, over all its rows, leading with the key's columns and ending with the table's
-- marker column, as the schema lint recommends. On PostgreSQL they replace the partial indexes of V2
-- and V4, which this schema never had (see V2), so nothing is dropped here.
--
-- Each replaces the index InnoDB made for its foreign key (named after the constraint), which InnoDB
-- then drops by itself, so the names below are the only ones left, as on PostgreSQL.
--
-- likes.user_id needs none: it leads the primary key (user_id, comment_id), an index over all rows.

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
