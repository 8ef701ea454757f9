-- Indexes a real application needs once rows are soft-deleted: reads and soft cascades look up
-- children by foreign key among live rows only, so each index covers live rows only and stays
-- small however many rows are deleted.
--
-- likes.user_id has none: it leads the primary key (user_id, comment_id), which serves it.

CREATE INDEX posts_author_id_live_idx    ON posts (author_id)      WHERE deleted_at IS NULL;
CREATE INDEX posts_category_id_live_idx  ON posts (category_id)    WHERE deleted_at IS NULL;
CREATE INDEX posts_editor_id_live_idx    ON posts (editor_id)      WHERE deleted_at IS NULL;
CREATE INDEX comments_post_id_live_idx   ON comments (post_id)     WHERE deleted_at IS NULL;
CREATE INDEX comments_author_id_live_idx ON comments (author_id)   WHERE deleted_at IS NULL;
CREATE INDEX comments_parent_id_live_idx ON comments (parent_id)   WHERE deleted_at IS NULL;
CREATE INDEX likes_comment_id_live_idx   ON likes (comment_id)     WHERE deleted_at IS NULL;

-- post_tags is not soft-deletable; its primary key leads with post_id, so tag_id needs its own.
CREATE INDEX post_tags_tag_id_idx ON post_tags (tag_id);
