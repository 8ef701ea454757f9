package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The builder's result does not depend on the order of its calls; each setting is checked as it is given, and
 * {@code build()} reports every problem of the combination at once.
 */
class BuilderCallOrderTest {

    @Test
    void table_afterSchema_keepsItsMarker() {
        Marker explicit = Marker.timestamp(POSTS.DELETED_AT).deletedBy(POSTS.TITLE);

        SoftDeletePolicy schemaFirst = SoftDeletePolicy.builder().schema(PUBLIC).table(POSTS, explicit).build();
        SoftDeletePolicy tableFirst = SoftDeletePolicy.builder().table(POSTS, explicit).schema(PUBLIC).build();

        assertThat(schemaFirst.marker(POSTS)).contains(explicit);
        assertThat(tableFirst.marker(POSTS)).contains(explicit);
        assertThat(schemaFirst.tables()).isEqualTo(tableFirst.tables()).containsExactly(POSTS, USERS);
    }

    @Test
    void schema_withoutMarkers_tableRegisteredLater_builds() {
        var schemaWithoutMarkers = DSL.schema(DSL.name("empty"));

        SoftDeletePolicy policy = SoftDeletePolicy.builder().schema(schemaWithoutMarkers).table(POSTS, POSTS.DELETED_AT).build();

        assertThat(policy.tables()).containsExactly(POSTS);
    }

    @Test
    void build_severalProblems_reportedAtOnce() {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder()
            .table(POSTS, POSTS.DELETED_AT)
            .actor(() -> "alice")
            .relation(POSTS, POSTS.AUTHOR_ID, TAGS, TAGS.ID, OnDelete.CASCADE)
            .view(DSL.table(DSL.name("tag_names")), "select name from tags");

        assertThatThrownBy(builder::build)
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("an actor supplier was given, but no table has a deleted-by column")
            .hasMessageContaining("\"tags\"")
            .hasMessageContaining("view \"tag_names\" reads no soft-deletable table of this policy");
    }

    @Test
    void table_twice_refusedAtOnce() {
        SoftDeletePolicy.Builder builder = SoftDeletePolicy.builder().table(POSTS, POSTS.DELETED_AT);

        assertThatThrownBy(() -> builder.table(POSTS, POSTS.DELETED_AT))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("table \"posts\" is registered twice");
    }

    @Test
    void plainSqlAndActor_twice_refusedAtOnce() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().plainSql(PlainSql.REFUSE).plainSql(PlainSql.PARSE))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("plainSql(...) was already set to REFUSE");
        assertThatThrownBy(() -> SoftDeletePolicy.builder().actor(() -> "a").actor(() -> "b"))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("actor(...) was already called");
    }
}
