package io.github.softdelete.it.harness;

import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB form of PostgreSQL's partial unique indexes (a unique key over a generated column that
 * is NULL on deleted rows) refuses live duplicates only.
 */
@MariaDbTest
class MariaDbLiveUniqueKeysTest {

    private static final OffsetDateTime DELETED = OffsetDateTime.of(2026, 1, 1, 12, 0, 0, 0, ZoneOffset.UTC);

    @BeforeEach
    void empty(DSLContext plain) {
        plain.deleteFrom(DOCUMENTS).execute();
        plain.deleteFrom(USERS).execute();
        plain.insertInto(USERS, USERS.ID, USERS.EMAIL, USERS.NAME, USERS.DELETED_AT)
                .values(1L, "alice@example.com", "alice", null)
                .values(2L, "bob@example.com", "bob", DELETED)
                .execute();
    }

    @Test
    void usersEmail_secondLiveDuplicate_isRefused(DSLContext plain) {
        assertThatThrownBy(() -> plain.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("alice@example.com", "alice 2").execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("users_email_live_key")
                .satisfies(e -> {
                    SQLException cause = ((DataAccessException) e).getCause(SQLException.class);
                    assertThat(cause.getSQLState()).isEqualTo("23000");
                    assertThat(cause.getErrorCode()).isEqualTo(1062);
                });
    }

    @Test
    void usersEmail_duplicateOfADeletedRow_isAccepted(DSLContext plain) {
        plain.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("bob@example.com", "bob again").execute();

        assertThat(plain.fetchCount(USERS, USERS.EMAIL.eq("bob@example.com"))).isEqualTo(2);
    }

    @Test
    void usersEmail_deletingTheLiveRow_freesItsEmail(DSLContext plain) {
        plain.update(USERS).set(USERS.DELETED_AT, DELETED).where(USERS.ID.eq(1L)).execute();

        plain.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("alice@example.com", "alice 2").execute();
        assertThat(plain.fetchCount(USERS, USERS.EMAIL.eq("alice@example.com"))).isEqualTo(2);
    }

    @Test
    void usersEmail_restoringOverALiveDuplicate_isRefused(DSLContext plain) {
        plain.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("bob@example.com", "bob again").execute();

        assertThatThrownBy(() -> plain.update(USERS).setNull(USERS.DELETED_AT).where(USERS.ID.eq(2L)).execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("users_email_live_key");
    }

    @Test
    void usersEmail_otherCase_isAnotherValue(DSLContext plain) {
        // utf8mb4_bin: case-sensitive, as PostgreSQL's text.
        plain.insertInto(USERS, USERS.EMAIL, USERS.NAME).values("Alice@example.com", "Alice").execute();

        assertThat(plain.fetchCount(USERS, USERS.EMAIL.eq("alice@example.com"))).isEqualTo(1);
    }

    @Test
    void documentsTitle_liveDuplicatePerOwner_isRefused_deletedOneIsNot(DSLContext plain) {
        plain.insertInto(DOCUMENTS, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED)
                .values(1L, "manual", true).values(1L, "manual", false).values(2L, "manual", false).execute();

        assertThatThrownBy(() -> plain.insertInto(DOCUMENTS, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE).values(1L, "manual").execute())
                .isInstanceOf(DataAccessException.class)
                .hasMessageContaining("documents_owner_id_title_live_key");
        plain.insertInto(DOCUMENTS, DOCUMENTS.OWNER_ID, DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED).values(1L, "manual", true).execute();
        assertThat(plain.fetchCount(DOCUMENTS, DOCUMENTS.TITLE.eq("manual"))).isEqualTo(4);
    }

    @Test
    void generatedColumn_writtenByName_isRefused(DSLContext plain) {
        // Code that knows the column must not write it; the generated jOOQ classes do not know it at all.
        assertThatThrownBy(() -> plain.update(USERS).set(DSL.field(DSL.name("email_live"), String.class), "x")
                .where(USERS.ID.eq(1L)).execute())
                .isInstanceOf(DataAccessException.class)
                .satisfies(e -> assertThat(((DataAccessException) e).getCause(SQLException.class).getErrorCode()).isEqualTo(1906));
    }
}
