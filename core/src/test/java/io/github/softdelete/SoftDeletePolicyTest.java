package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class SoftDeletePolicyTest {

    @Test
    void forSchema_findsTablesWithDeletedAt() {
        SoftDeletePolicy policy = SoftDeletePolicy.forSchema(PUBLIC);

        assertThat(policy.tables()).containsExactly(USERS, POSTS);
        assertThat(policy.marker(POSTS.as("p")).map(Marker::stateColumn)).contains(POSTS.DELETED_AT);
        assertThat(policy.marker(table(name("public", "posts"))).map(Marker::stateColumn)).contains(POSTS.DELETED_AT);
        assertThat(policy.marker(TAGS)).isEmpty();
    }

    @Test
    void listeners_policysFirst_thenInstalls_eachToldOnceInOrder() {
        List<String> told = new ArrayList<>();
        SoftDeletePolicy policy = SoftDeletePolicy.builder().table(POSTS, POSTS.DELETED_AT)
            .listener(event -> told.add("policy")).build();
        SoftDeleteEvent event = new SoftDeleteEvent(SoftDeleteEvent.Operation.PURGE_BATCH, POSTS, Optional.empty(), Optional.empty(),
            List.of(new SoftDeleteEvent.TableChange(POSTS, 0, 0, 0, 1)));

        policy.registry().withListeners(List.of(e -> told.add("installed"))).tell(event);

        assertThat(told).containsExactly("policy", "installed");
        assertThat(SoftDeletePolicy.builder().table(POSTS, POSTS.DELETED_AT).build().registry().hasListeners()).isFalse();
        assertThatThrownBy(() -> SoftDeletePolicy.builder().listener(null)).isInstanceOf(NullPointerException.class)
            .hasMessage("listener");
        assertThat(event.table(POSTS.as("p"))).as("an alias is another table").isEmpty();
        assertThat(event.table(table(name("public", "posts")))).hasValueSatisfying(change -> assertThat(change.purged()).isEqualTo(1));
    }

    @Test
    void build_markerOfAnotherTable_namesBoth() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(POSTS, USERS.DELETED_AT).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("marker \"users\".deleted_at belongs to another table than \"posts\"");
    }

    @Test
    void build_markerNotAColumn_namesTableAndColumn() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(TAGS, field(name("removed_at"), OffsetDateTime.class)).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("marker \"removed_at\" is not a column of table \"tags\" (its columns: id, name)");
    }

    @Test
    void build_markerOfUnsupportedType_namesType() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(TAGS, TAGS.NAME).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("marker \"tags\".name has the unsupported type java.lang.String");
    }

    @Test
    void build_aliasedTable_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(table(name("posts")).as("p"), POSTS.DELETED_AT).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("is an alias, join or derived table");
    }

    @Test
    void build_sameTableTwice_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().table(POSTS, POSTS.DELETED_AT).table(POSTS, POSTS.DELETED_AT).build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("table \"posts\" is registered twice");
    }

    @Test
    void build_nothingRegistered_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.builder().build())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("no soft-deletable table was registered");
    }

    @Test
    void build_plainNamedTable_acceptedByName() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(table(name("public", "posts")), field(name("deleted_at"), OffsetDateTime.class)).build();

        assertThat(policy.marker(POSTS)).isPresent();
    }
}
