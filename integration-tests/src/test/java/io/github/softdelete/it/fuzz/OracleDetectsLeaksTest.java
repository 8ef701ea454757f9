package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_PARENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.COMMENTS__COMMENTS_POST_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_COMMENT_ID_FKEY;
import static io.github.softdelete.it.db.Keys.LIKES__LIKES_USER_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_AUTHOR_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_CATEGORY_ID_FKEY;
import static io.github.softdelete.it.db.Keys.POSTS__POSTS_EDITOR_ID_FKEY;
import static io.github.softdelete.it.db.Public.PUBLIC;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.harness.PostgresServers;

/**
 * The oracle has teeth: pointed at a side that leaks, it reports mismatches. Without the listener, most
 * live and only-deleted reads differ from their oracle; with a policy whose relation rules are wrong,
 * statements differ from the database's own ON DELETE rules.
 */
class OracleDetectsLeaksTest {

    private static final int CASES = 300;
    private static final long SEED = 11L;

    @Test
    void reads_withoutListener_mostMismatch() {
        FuzzSettings settings = new FuzzSettings(SEED, CASES, 0, -1);
        QueryGenerator generator = new QueryGenerator();
        int checked = 0;
        int mismatches = 0;
        try (FuzzDatabases databases = FuzzDatabases.create(PostgresServers.shared(), RandomDataset.generate(settings.datasetSeed()))) {
            ReadOracle leaking = new ReadOracle(databases, mode -> databases.fullPlain);
            for (int i = 0; i < CASES; i++) {
                ReadCase read = generator.read(i, settings.readSeed(i));
                if (read.mode() == Mode.INCLUDE_DELETED)
                    continue;
                checked++;
                if (leaking.check(read).verdict() == Outcome.Verdict.MISMATCH)
                    mismatches++;
            }
        }

        assertThat(mismatches).as("mismatches among %s reads without the listener", checked).isGreaterThan(checked / 3);
    }

    @Test
    void statements_withWrongRelationRules_mismatch() {
        SoftDeletePolicy wrong = SoftDeletePolicy.builder().schema(PUBLIC)
            .onDelete(POSTS__POSTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)
            .onDelete(POSTS__POSTS_CATEGORY_ID_FKEY, OnDelete.CASCADE) // RESTRICT in the database
            .onDelete(POSTS__POSTS_EDITOR_ID_FKEY, OnDelete.CASCADE) // SET NULL in the database
            .onDelete(COMMENTS__COMMENTS_POST_ID_FKEY, OnDelete.CASCADE)
            .onDelete(COMMENTS__COMMENTS_AUTHOR_ID_FKEY, OnDelete.CASCADE)
            .onDelete(COMMENTS__COMMENTS_PARENT_ID_FKEY, OnDelete.SET_NULL) // CASCADE in the database
            .onDelete(LIKES__LIKES_USER_ID_FKEY, OnDelete.CASCADE)
            .onDelete(LIKES__LIKES_COMMENT_ID_FKEY, OnDelete.CASCADE)
            .build();
        FuzzSettings settings = new FuzzSettings(SEED, 0, CASES, -1);

        try (FuzzDatabases databases = FuzzDatabases.create(PostgresServers.shared(), RandomDataset.generate(settings.datasetSeed()), wrong)) {
            FuzzRun run = FuzzRun.statements(databases, settings);

            assertThat(run.mismatches()).as(run.summary()).hasSize(FuzzRun.MAX_MISMATCHES);
        }
    }
}
