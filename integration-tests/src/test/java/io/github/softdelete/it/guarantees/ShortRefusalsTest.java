package io.github.softdelete.it.guarantees;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * What a user reads of a refusal raised inside the database is short: the message (the thing, the problem, the way
 * out) and a cause that holds neither the generated statement nor the library's raw mark. Both stay reachable for
 * debugging: {@code SoftDeleteException.sql()}, and the server's error as the cause's next exception.
 */
@PostgresTest
class ShortRefusalsTest extends SeededDatabaseTest {

    @Test
    void restrictRefusal_printedChainHoldsNoSqlAndNoMark_bothReachable() {
        SoftDeleteException refused = catchThrowableOfType(
            () -> ctx.deleteFrom(CATEGORIES).where(CATEGORIES.ID.eq(1L)).execute(), SoftDeleteException.class);

        String printed = printed(refused);
        assertThat(printed).contains("cannot soft-delete from \"categories\"")
            .doesNotContain("softdelete-restrict:").doesNotContain("with recursive").doesNotContain("invalid input syntax");
        assertThat(printed.length()).as("the printed trace, stack frames included").isLessThan(12_000);
        assertThat(refused.sql()).as("the statement, for debugging").startsWith("with").contains("categories");
        assertThat((Throwable) ((SQLException) refused.getCause()).getNextException()).hasMessageContaining("softdelete-restrict:posts_category_id_fkey");
        assertThat(refused.sqlState()).as("the server's SQLSTATE, as before").isEqualTo("22P02");
    }

    @Test
    void writeRefusal_deletedParent_shortToo() {
        SoftDeleteException refused = catchThrowableOfType(() -> ctx.insertInto(COMMENTS, COMMENTS.POST_ID, COMMENTS.AUTHOR_ID, COMMENTS.BODY)
            .values(11L, 1L, "under a deleted post").execute(), SoftDeleteException.class);

        assertThat(printed(refused)).contains("cannot write rows of \"comments\"").doesNotContain("softdelete-deleted-target:")
            .doesNotContain("softdelete_source");
        assertThat(refused.sql()).contains("insert into");
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(11L).and(COMMENTS.BODY.eq("under a deleted post")))).isZero();
    }

    @Test
    void refusalBeforeTheStatementRuns_hasNoSql() {
        SoftDeleteException refused = catchThrowableOfType(() -> ctx.update(POSTS).set(POSTS.DELETED_AT, (java.time.OffsetDateTime) null)
            .where(POSTS.ID.eq(11L)).execute(), SoftDeleteException.class);

        assertThat(refused.sql()).isNull();
    }

    private static String printed(Throwable e) {
        StringWriter out = new StringWriter();
        e.printStackTrace(new PrintWriter(out));
        return out.toString();
    }
}
