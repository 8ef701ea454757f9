package io.github.softdelete.it.harness;

import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.USERS;
import static io.github.softdelete.it.db.Tables.USER_EMAILS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.softdelete.it.db.tables.records.UsersRecord;
import io.github.softdelete.it.fixture.ReferenceData;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The jOOQ classes generated from the PostgreSQL schema, on MariaDB through {@link TestDatabase#dsl()}:
 * the reference rows insert, and values come back as they were written.
 */
@MariaDbTest
class MariaDbRoundTripTest {

    @BeforeEach
    void seed(DSLContext plain) {
        ReferenceData.reset(plain);
    }

    @Test
    void referenceData_insertsThroughTheGeneratedClasses(DSLContext plain) {
        assertThat(plain.fetchCount(USERS)).isEqualTo(4);
        assertThat(plain.fetchCount(POSTS)).isEqualTo(6);
        assertThat(plain.fetchCount(LIKES)).isEqualTo(7);
        assertThat(plain.selectFrom(USERS).where(USERS.DELETED_AT.isNotNull()).fetch(USERS.NAME)).containsExactly("carol");
        assertThat(plain.fetch(USER_EMAILS)).hasSize(4);
    }

    @Test
    void deletedAt_readsBackAsTheInstantWritten_storedInUtc(DSLContext plain) {
        OffsetDateTime read = plain.select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(3L)).fetchSingle().value1();
        String stored = plain.select(DSL.field("cast({0} as char)", String.class, USERS.DELETED_AT))
                .from(USERS).where(USERS.ID.eq(3L)).fetchSingle().value1();

        // The driver gives the instant in the JVM's zone, as PostgreSQL's does: compare instants.
        assertThat(read).isAtSameInstantAs(ReferenceData.DELETED);
        assertThat(stored).isEqualTo("2026-01-01 12:00:00.000000");
    }

    @Test
    void offsetDateTime_otherOffsetAndMicroseconds_keepsTheInstant(DSLContext plain) {
        OffsetDateTime written = OffsetDateTime.of(2026, 3, 29, 2, 30, 0, 123_456_000, ZoneOffset.ofHours(2));
        plain.update(USERS).set(USERS.DELETED_AT, written).where(USERS.ID.eq(1L)).execute();

        OffsetDateTime read = plain.select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(1L)).fetchSingle().value1();
        assertThat(read).isAtSameInstantAs(written);
        assertThat(plain.fetchCount(USERS, USERS.DELETED_AT.eq(written))).as("found by the value written").isEqualTo(1);
    }

    @Test
    void now6_andBoundValues_shareTheTimeZone(DSLContext plain) {
        plain.update(USERS).set(USERS.DELETED_AT, DSL.field("now(6)", USERS.DELETED_AT.getDataType())).where(USERS.ID.eq(1L)).execute();

        OffsetDateTime stamped = plain.select(USERS.DELETED_AT).from(USERS).where(USERS.ID.eq(1L)).fetchSingle().value1();
        assertThat(Duration.between(stamped.toInstant(), OffsetDateTime.now().toInstant()).abs()).isLessThan(Duration.ofMinutes(1));
        assertThat(plain.fetchValue(DSL.field("now(6)", LocalDateTime.class)))
                .isCloseTo(LocalDateTime.now(ZoneOffset.UTC), org.assertj.core.api.Assertions.within(1, java.time.temporal.ChronoUnit.MINUTES));
    }

    @Test
    void insert_withoutId_continuesAfterTheReferenceRows(DSLContext plain) {
        UsersRecord user = plain.newRecord(USERS);
        user.setEmail("erin@example.com");
        user.setName("erin");
        user.store();

        assertThat(user.getId()).isEqualTo(1000L);
    }

    @Test
    void otherMarkerKinds_roundTrip(DSLContext plain) {
        OffsetDateTime archived = OffsetDateTime.of(2026, 2, 1, 8, 0, 0, 0, ZoneOffset.UTC);
        plain.insertInto(PRODUCTS, PRODUCTS.ID, PRODUCTS.OWNER_ID, PRODUCTS.NAME, PRODUCTS.ARCHIVED_AT)
                .values(1L, 1L, "lamp", archived).execute();
        plain.insertInto(DOCUMENTS, DOCUMENTS.ID, DOCUMENTS.OWNER_ID, DOCUMENTS.PRODUCT_ID, DOCUMENTS.TITLE, DOCUMENTS.IS_DELETED, DOCUMENTS.DELETED_BY)
                .values(1L, 1L, 1L, "manual", true, "alice").values(2L, 1L, null, "notes", false, null).execute();
        plain.insertInto(ATTACHMENTS, ATTACHMENTS.ID, ATTACHMENTS.DOCUMENT_ID, ATTACHMENTS.FILE_NAME)
                .values(1L, 2L, "a.pdf").execute();

        assertThat(plain.select(PRODUCTS.ARCHIVED_AT).from(PRODUCTS).fetchSingle().value1()).isAtSameInstantAs(archived);
        assertThat(plain.select(DOCUMENTS.ID).from(DOCUMENTS).where(DOCUMENTS.IS_DELETED).fetch(DOCUMENTS.ID)).containsExactly(1L);
        assertThat(plain.selectFrom(ATTACHMENTS).fetchSingle().getRemoved()).as("the column default").isFalse();
    }
}
