-- db/migration/V3__views.sql on MariaDB: the same four views. The SQL is the same; MariaDB stores each
-- definition rewritten (lower case, backquoted, schema-qualified: information_schema.VIEWS).

-- A simple, automatically updatable view over one soft-deletable table, showing its primary key,
-- that does not filter: reads are inlined and filtered; a DELETE through it soft-deletes users rows.
CREATE VIEW user_emails AS
    SELECT id, email, name FROM users;

-- A view that already hides deleted rows: left alone.
CREATE VIEW live_posts AS
    SELECT id, author_id, title FROM posts WHERE deleted_at IS NULL;

-- A join of two soft-deletable tables: reads are inlined and filtered; writes through it are refused.
CREATE VIEW post_authors AS
    SELECT p.id AS post_id, p.title, u.name AS author
    FROM posts p JOIN users u ON u.id = p.author_id;

-- Simple, but without the primary key: a DELETE through it cannot be matched to users rows, so it is refused.
CREATE VIEW user_names AS
    SELECT name, email FROM users;
