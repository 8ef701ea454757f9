package io.github.softdelete.it.relations;

import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.POSTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.harness.PostgresTest;
import io.github.softdelete.it.harness.TestDatabase;

/** Relations declared on the policy builder, for tables without generated classes or keys. */
@PostgresTest
class DeclaredRelationsTest {

    private static final Table<Record> PLAIN_POSTS = table(name("public", "posts"));
    private static final Table<Record> PLAIN_COMMENTS = table(name("public", "comments"));
    private static final Field<OffsetDateTime> DELETED_AT = field(name("deleted_at"), OffsetDateTime.class);
    private static final Field<Long> ID = field(name("id"), Long.class);

    private static DSLContext plain;
    private static DSLContext ctx;

    @BeforeAll
    static void connect(TestDatabase database) {
        plain = database.dsl();
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(PLAIN_POSTS, DELETED_AT)
            .table(PLAIN_COMMENTS, DELETED_AT)
            .relation(PLAIN_COMMENTS, field(name("post_id"), Long.class), PLAIN_POSTS, ID, OnDelete.CASCADE)
            .build();
        ctx = DSL.using(SoftDelete.install(database.newConfiguration(), policy));
    }

    @BeforeEach
    void resetData() {
        TreeData.reset(plain);
    }

    @Test
    void plainTables_declaredCascade_followedAndRestored() {
        int count = ctx.deleteFrom(PLAIN_POSTS).where(ID.eq(10L)).execute();

        assertThat(count).isEqualTo(1);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isZero();
        assertThat(ctx.fetchCount(PLAIN_COMMENTS)).isEqualTo(2); // 104 on the old post, 200 on vic's

        assertThat(SoftDelete.restore(ctx, PLAIN_POSTS, ID.eq(10L))).isEqualTo(1);
        assertThat(plain.fetchCount(COMMENTS, COMMENTS.POST_ID.eq(10L).and(COMMENTS.DELETED_AT.isNull()))).isEqualTo(3);
        assertThat(plain.fetchValue(COMMENTS.DELETED_AT, COMMENTS.ID.eq(103L))).isNotNull(); // deleted on its own before
    }

    @Test
    void declaredPolicy_listsItsRelations() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(PLAIN_POSTS, DELETED_AT).table(PLAIN_COMMENTS, DELETED_AT)
            .relation(PLAIN_COMMENTS, field(name("post_id"), Long.class), PLAIN_POSTS, ID, OnDelete.CASCADE)
            .build();

        assertThat(policy.relations()).containsExactly("comments_post_id_fkey (comments -> posts, ON DELETE CASCADE)");
    }

    @Test
    void relationToTableNotRegistered_refusedAtBuild() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(PLAIN_COMMENTS, DELETED_AT)
                .relation(PLAIN_COMMENTS, field(name("post_id"), Long.class), PLAIN_POSTS, ID, OnDelete.CASCADE).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("register \"posts\"");
    }

    @Test
    void undeclaredGeneratedKeys_onJooq319_countAsNoAction() {
        SoftDeletePolicy policy = SoftDeletePolicy.forSchema(io.github.softdelete.it.db.Public.PUBLIC);

        assertThat(policy.relations()).contains(org.jooq.Constants.MINOR_VERSION.equals("3.19")
            ? "posts_author_id_fkey (posts -> users, ON DELETE NO ACTION)"
            : "posts_author_id_fkey (posts -> users, ON DELETE CASCADE)");
        assertThat(plain.fetchCount(POSTS)).isEqualTo(3);
    }
}
