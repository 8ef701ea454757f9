package io.github.softdelete.it.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.ReferenceData;
import io.github.softdelete.it.harness.MariaDbTest;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * {@code SoftDeletePolicy.fromDatabase} on MariaDB, where a schema is a database: the migrated reference schema
 * (db/mariadb) gives the policy that PostgreSQL's (db/migration) gives, table for table, marker for marker,
 * relation for relation with its ON DELETE rule, view for view; the catalog's views are inlined on read; a view
 * jOOQ cannot parse is refused as on PostgreSQL; a wrong database name is refused, naming the database.
 *
 * <p>The odd cases (rules the reference schema lacks, unparseable views, an empty database) live in databases of
 * their own on both servers, created here.
 */
@MariaDbTest
class CatalogOnMariaDbTest {

    private static TestDatabase mariaDb;
    private static TestDatabase postgres;
    private static DSLContext plain;
    private static String odd;
    private static String empty;

    @BeforeAll
    static void createDatabases(TestDatabase database) {
        mariaDb = database;
        plain = database.dsl();
        postgres = PostgresServers.shared().createMigratedDatabase("catalog_mirror");
        odd = database.name() + "_odd";
        empty = database.name() + "_empty";
        plain.createDatabase(name(odd)).execute();
        plain.createDatabase(name(empty)).execute();
        plain.execute("create table " + odd + ".parents (id bigint primary key, name text not null, deleted_at datetime(6))");
        plain.execute("create table " + odd + ".things (id bigint primary key, name text not null)");
        // MariaDB parses ON DELETE SET DEFAULT and stores it as RESTRICT (docs/mariadb-facts.md).
        plain.execute("create table " + odd + ".kids (id bigint primary key, a bigint, b bigint, c bigint,"
            + " constraint kids_default_fkey foreign key (a) references " + odd + ".parents (id) on delete set default,"
            + " constraint kids_no_action_fkey foreign key (b) references " + odd + ".parents (id) on delete no action,"
            + " constraint kids_implicit_fkey foreign key (c) references " + odd + ".parents (id))");
        plain.execute("create function " + odd + ".shout(s text) returns text deterministic return upper(s)");
        plain.execute("create view " + odd + ".loud_parents as select id, " + odd + ".shout(name) as loud from " + odd + ".parents");
        plain.execute("create view " + odd + ".loud_things as select id, " + odd + ".shout(name) as loud from " + odd + ".things");
        plain.execute("insert into " + odd + ".parents values (1, 'live', null), (2, 'gone', now(6))");

        DSLContext pg = postgres.dsl();
        pg.execute("create schema odd");
        pg.execute("create table odd.parents (id bigint primary key, name text not null, deleted_at timestamptz)");
        pg.execute("create function odd.shout(s text) returns text language sql immutable as 'select upper(s)'");
        pg.execute("create view odd.loud_parents as select id, odd.shout(name) as loud from odd.parents");
        pg.execute("insert into odd.parents values (1, 'live', null), (2, 'gone', now())");
    }

    @AfterAll
    static void dropDatabases() {
        plain.dropDatabaseIfExists(name(odd)).execute();
        plain.dropDatabaseIfExists(name(empty)).execute();
        postgres.close();
    }

    @Test
    void fromDatabase_referenceSchema_sameTablesAndMarkersAsOnPostgres() {
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, mariaDb.name());

        assertThat(markers(policy)).isEqualTo(markers(SoftDeletePolicy.fromDatabase(postgres.dsl(), "public")))
            .containsEntry("users", "timestamp(deleted_at)")
            .containsEntry("documents", "flag(is_deleted).deletedBy(deleted_by)")
            .hasSize(6); // products (archived_at) and attachments (removed) follow no convention
        assertThat(policy.tables()).allSatisfy(t -> assertThat(t.getSchema().getName()).isEqualTo(mariaDb.name()));
    }

    @Test
    void fromDatabase_generatedClassesOfAnotherSchema_mappedByTheContext_areThePolicysTables() {
        // The generated classes say "public"; the context's RenderMapping renders it as this database. A policy read
        // through that context must take them for its tables, or reads through them would go unfiltered.
        ReferenceData.reset(plain);
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, mariaDb.name());
        DSLContext ctx = DSL.using(SoftDelete.install(mariaDb.newConfiguration(), policy));

        assertThat(policy.marker(io.github.softdelete.it.db.Tables.USERS)).isPresent();
        assertThat(ctx.fetchCount(io.github.softdelete.it.db.Tables.USERS))
            .isEqualTo(plain.fetchCount(io.github.softdelete.it.db.Tables.USERS, io.github.softdelete.it.db.Tables.USERS.DELETED_AT.isNull()));
        assertThat(ctx.fetchCount(io.github.softdelete.it.db.Tables.USER_EMAILS)).as("a generated view class, inlined")
            .isEqualTo(ctx.fetchCount(io.github.softdelete.it.db.Tables.USERS));
        ctx.deleteFrom(io.github.softdelete.it.db.Tables.USERS).where(io.github.softdelete.it.db.Tables.USERS.ID.eq(1L)).execute();
        assertThat(plain.fetchValue(io.github.softdelete.it.db.Tables.USERS.DELETED_AT, io.github.softdelete.it.db.Tables.USERS.ID.eq(1L)))
            .as("soft-deleted, not removed").isNotNull();
        // writes through them are checked for deleted parents too (the policy's relations name the catalog's tables)
        assertThatThrownBy(() -> ctx.insertInto(io.github.softdelete.it.db.Tables.POSTS, io.github.softdelete.it.db.Tables.POSTS.AUTHOR_ID,
                io.github.softdelete.it.db.Tables.POSTS.TITLE).values(1L, "under a deleted author").execute())
            .isInstanceOf(SoftDeleteException.class).hasMessageContaining("posts_author_id_fkey");
    }

    @Test
    void install_asDocsMariaDbShows_filtersReads() {
        ReferenceData.reset(plain);
        javax.sql.DataSource dataSource = mariaDb.dataSource();
        String database = mariaDb.name();
        // snippet:begin mariadb-install
        Configuration configuration = new DefaultConfiguration().set(dataSource).set(SQLDialect.MARIADB);
        SoftDelete.install(configuration, SoftDeletePolicy.fromDatabase(DSL.using(configuration), database));
        // snippet:end mariadb-install
        assertThat(DSL.using(configuration).fetchCount(table(name("users"))))
            .isEqualTo(plain.fetchCount(table(name("users")), field(name("deleted_at")).isNull()));
    }

    @Test
    void fromDatabase_referenceSchema_sameRelationsAndRulesAsOnPostgres() {
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, mariaDb.name());

        assertThat(relations(policy)).isEqualTo(relations(SoftDeletePolicy.fromDatabase(postgres.dsl(), "public")))
            .contains("posts_author_id_fkey (posts -> users, ON DELETE CASCADE) [author_id] -> [id]",
                "posts_category_id_fkey (posts -> categories, ON DELETE RESTRICT) [category_id] -> [id]",
                "posts_editor_id_fkey (posts -> users, ON DELETE SET NULL) [editor_id] -> [id]",
                "likes_comment_id_fkey (likes -> comments, ON DELETE CASCADE) [comment_id] -> [id]")
            .hasSize(14);
        assertThat(policy.relations()).allSatisfy(relation -> assertThat(relation.ruleKnown()).as(relation.name()).isTrue());
    }

    @Test
    void rulesFromDatabase_setDefaultReadsAsTheStoredRestrict_noActionAsNoAction() {
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, odd);

        assertThat(policy.relations()).extracting(SoftDeletePolicy.Relation::name, SoftDeletePolicy.Relation::rule)
            .containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("kids_default_fkey", OnDelete.RESTRICT),
                org.assertj.core.groups.Tuple.tuple("kids_no_action_fkey", OnDelete.NO_ACTION),
                org.assertj.core.groups.Tuple.tuple("kids_implicit_fkey", OnDelete.RESTRICT));
        assertThat(policy.relations()).allSatisfy(relation -> assertThat(relation.ruleKnown()).isTrue());
    }

    @Test
    void fromDatabase_referenceSchema_sameViewsAsOnPostgres() {
        SoftDeletePolicy policy = SoftDeletePolicy.fromDatabase(plain, mariaDb.name());

        assertThat(policy.views()).extracting(Object::toString)
            .containsExactlyInAnyOrderElementsOf(SoftDeletePolicy.fromDatabase(postgres.dsl(), "public").views().stream().map(Object::toString).toList())
            .containsExactlyInAnyOrder("\"live_posts\" (filters)", "\"post_authors\" (inlined)", "\"user_emails\" (inlined)",
                "\"user_names\" (inlined)");
        assertThat(policy.views()).allSatisfy(view -> assertThat(view.view().getSchema().getName()).isEqualTo(mariaDb.name()));
    }

    @Test
    void read_catalogViews_inlinedAndFiltered_orLeftAloneWhenTheyFilter() {
        ReferenceData.reset(plain);
        DSLContext ctx = DSL.using(SoftDelete.install(mariaDb.newConfiguration(), SoftDeletePolicy.fromDatabase(plain, mariaDb.name())));

        assertThat(ctx.select(field(name("email"), String.class)).from(table(name("user_emails"))).orderBy(field(name("id")))
                .fetch(0, String.class))
            .containsExactly("alice@example.com", "bob@example.com", "dave@example.com");
        assertThat(SoftDelete.includeDeleted(ctx).fetchCount(table(name("user_emails")))).isEqualTo(4);
        // live posts by live authors: 13 is carol's, and carol is deleted
        assertThat(ctx.select(field(name("post_id"), Long.class)).from(table(name(mariaDb.name(), "post_authors"))).orderBy(1)
                .fetch(0, Long.class))
            .containsExactly(10L, 12L, 15L);
        assertThat(ctx.selectFrom(table(name("live_posts"))).getSQL()).doesNotContain("(select");
        assertThat(ctx.fetchCount(table(name("live_posts")))).isEqualTo(4);
    }

    @Test
    void read_viewJooqCannotParse_refusedAsOnPostgres() {
        SoftDeletePolicy onMariaDb = SoftDeletePolicy.fromDatabase(plain, odd);
        SoftDeletePolicy onPostgres = SoftDeletePolicy.fromDatabase(postgres.dsl(), "odd");

        assertThat(onMariaDb.views()).singleElement().satisfies(view -> {
            assertThat(view.view().getName()).isEqualTo("loud_parents"); // loud_things reads no soft-deletable table
            assertThat(view.reads()).isEqualTo(SoftDeletePolicy.View.Reads.UNPARSED);
        });
        assertThat(onPostgres.views()).extracting(SoftDeletePolicy.View::reads).containsExactly(SoftDeletePolicy.View.Reads.UNPARSED);
        String mariaDbRefusal = refusal(DSL.using(SoftDelete.install(mariaDb.newConfiguration(), onMariaDb)), table(name(odd, "loud_parents")));
        String postgresRefusal = refusal(DSL.using(SoftDelete.install(postgres.newConfiguration(), onPostgres)), table(name("odd", "loud_parents")));
        String common = "cannot read view \"loud_parents\": it reads the soft-deletable table(s) (unknown), and its definition could"
            + " not be parsed (";
        assertThat(mariaDbRefusal).startsWith(common).contains("Unknown function");
        assertThat(postgresRefusal).startsWith(common).contains("Unknown function");
        assertThat(suffix(mariaDbRefusal)).isEqualTo(suffix(postgresRefusal));
        // As on PostgreSQL, allowPlainSql reads it as it is: both rows, the deleted one too.
        assertThat(SoftDelete.allowPlainSql(DSL.using(SoftDelete.install(mariaDb.newConfiguration(), onMariaDb)))
            .fetchCount(table(name(odd, "loud_parents")))).isEqualTo(2);
    }

    @Test
    void fromDatabase_unknownDatabase_refusedNamingItAndTheCurrentOne() {
        assertThatThrownBy(() -> SoftDeletePolicy.fromDatabase(plain, "public"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("database \"public\" does not exist in the MariaDB server that the context connects to")
            .hasMessageContaining("(its current database is \"" + mariaDb.name() + "\")");
        assertThatThrownBy(() -> SoftDeletePolicy.fromDatabase(plain, mariaDb.name().toUpperCase(java.util.Locale.ROOT)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("(there is a database \"" + mariaDb.name() + "\")");
        assertThatThrownBy(() -> SoftDeletePolicy.fromDatabase(postgres.dsl(), "no_such_schema"))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("schema \"no_such_schema\" does not exist in the database that the context connects to")
            .hasMessageContaining("(its current schema is \"public\")");
    }

    @Test
    void fromDatabase_databaseWithoutTables_refused() {
        assertThatThrownBy(() -> SoftDeletePolicy.fromDatabase(plain, empty))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("database \"" + empty + "\" has no tables in the MariaDB server that the context connects to");
    }

    private static Map<String, String> markers(SoftDeletePolicy policy) {
        Map<String, String> markers = new TreeMap<>();
        for (Table<?> table : policy.tables())
            markers.put(table.getName(), policy.marker(table).orElseThrow().toString());
        return markers;
    }

    private static TreeSet<String> relations(SoftDeletePolicy policy) {
        TreeSet<String> relations = new TreeSet<>();
        for (SoftDeletePolicy.Relation relation : policy.relations())
            relations.add(relation + " " + relation.childColumns().stream().map(f -> f.getName()).toList()
                + " -> " + relation.parentColumns().stream().map(f -> f.getName()).toList());
        return relations;
    }

    private static String refusal(DSLContext ctx, Table<?> view) {
        try {
            ctx.fetchCount(view);
        } catch (SoftDeleteException e) {
            return e.getMessage();
        }
        throw new AssertionError("a read of " + view + " was not refused");
    }

    // What the refusal says after the parser's problem, which quotes the definition as each server stores it.
    private static String suffix(String refusal) {
        return refusal.substring(refusal.indexOf("), so deleted rows"));
    }
}
