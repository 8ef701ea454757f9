package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.Result;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The MariaDB migrations (db/mariadb) mirror the PostgreSQL ones (db/migration): both are migrated and
 * their catalogs compared, table for table, column for column, name for name.
 */
@MariaDbTest
class MariaDbReferenceSchemaTest {

    private static TestDatabase postgres;

    @BeforeAll
    static void migratePostgres() {
        postgres = PostgresServers.shared().createMigratedDatabase("mariadb_mirror");
    }

    @AfterAll
    static void dropPostgres() {
        postgres.close();
    }

    @Test
    void tablesAndViews_sameAsOnPostgres(DSLContext mariaDb) {
        Result<Record> expected = postgres.dsl().fetch("""
                select table_name, table_type from information_schema.tables
                where table_schema = 'public' and table_name <> 'flyway_schema_history'""");
        Result<Record> actual = mariaDb.fetch("""
                select table_name, table_type from information_schema.tables
                where table_schema = database() and table_name <> 'flyway_schema_history'""");

        assertThat(rows(actual)).isEqualTo(rows(expected)).hasSize(14);
    }

    @Test
    void columns_sameNamesAndNullability(DSLContext mariaDb) {
        // A view's columns: PostgreSQL calls them all nullable, MariaDB takes the base columns' word.
        String columns = """
                select c.table_name, c.column_name, case when t.table_type = 'VIEW' then 'view' else c.is_nullable end
                from information_schema.columns c
                join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
                where c.table_schema = %s and c.table_name <> 'flyway_schema_history'""";
        Result<Record> expected = postgres.dsl().fetch(columns.formatted("'public'"));
        Result<Record> actual = mariaDb.fetch(columns.formatted("database()") + " and c.is_generated = 'NEVER'");

        assertThat(rows(actual)).isEqualTo(rows(expected));
    }

    @Test
    void columns_haveTheMariaDbFormOfTheirPostgresType(DSLContext mariaDb) {
        Map<String, String> postgresTypes = postgres.dsl().fetch("""
                select table_name, column_name, data_type from information_schema.columns
                where table_schema = 'public' and table_name <> 'flyway_schema_history'""")
                .intoMap(row -> row.get(0) + "." + row.get(1), row -> row.get(2, String.class));
        Map<String, String> mariaDbTypes = mariaDb.fetch("""
                select table_name, column_name, column_type from information_schema.columns
                where table_schema = database() and table_name <> 'flyway_schema_history' and is_generated = 'NEVER'""")
                .intoMap(row -> row.get(0) + "." + row.get(1), row -> row.get(2, String.class));

        assertThat(mariaDbTypes).allSatisfy((column, type) -> {
            String postgresType = postgresTypes.get(column);
            Set<String> allowed = switch (postgresType) {
                case "bigint" -> Set.of("bigint(20)");
                case "timestamp with time zone" -> Set.of("datetime(6)");
                case "boolean" -> Set.of("tinyint(1)");
                case "text" -> Set.of("text", "varchar(255)");
                default -> Set.of("(no MariaDB form for " + postgresType + ")");
            };
            assertThat(type).as("%s, %s on PostgreSQL", column, postgresType).isIn(allowed);
        });
    }

    @Test
    void generatedColumns_onlyTheLiveRowKeys(DSLContext mariaDb) {
        Result<Record> generated = mariaDb.fetch("""
                select table_name, column_name, is_generated, extra, generation_expression from information_schema.columns
                where table_schema = database() and is_generated <> 'NEVER'""");

        assertThat(rows(generated)).containsExactlyInAnyOrder(
                "documents title_live ALWAYS VIRTUAL GENERATED if(`is_deleted`,NULL,`title`)",
                "users email_live ALWAYS VIRTUAL GENERATED if(`deleted_at` is null,`email`,NULL)");
    }

    @Test
    void keysAndIndexes_sameNames_butPrimaryKeys(DSLContext mariaDb) {
        // MariaDB names every primary key PRIMARY; PostgreSQL's are <table>_pkey. The rest match.
        Set<String> expected = postgres.dsl().fetch("""
                select table_name, constraint_name, 'key' from information_schema.table_constraints
                where table_schema = 'public' and constraint_type in ('FOREIGN KEY', 'UNIQUE')
                union
                select tablename, indexname, 'index' from pg_indexes
                where schemaname = 'public' and tablename <> 'flyway_schema_history' and indexname not in
                    (select constraint_name from information_schema.table_constraints where table_schema = 'public')""")
                .stream().map(row -> row.get(0) + "." + row.get(1)).collect(Collectors.toSet());
        Set<String> actual = mariaDb.fetch("""
                select table_name, constraint_name from information_schema.table_constraints
                where table_schema = database() and constraint_type in ('FOREIGN KEY', 'UNIQUE')
                union
                select table_name, index_name from information_schema.statistics
                where table_schema = database() and index_name <> 'PRIMARY' and table_name <> 'flyway_schema_history'""")
                .stream().map(row -> row.get(0) + "." + row.get(1)).collect(Collectors.toSet());

        assertThat(actual).isEqualTo(expected)
                .contains("users.users_email_live_key", "categories.categories_name_key",
                        "documents.documents_owner_id_title_live_key", "posts.posts_author_id_idx");
    }

    @Test
    void uniqueKeys_sameAsOnPostgres(DSLContext mariaDb) {
        Set<String> expected = postgres.dsl().fetch("""
                select indexname from pg_indexes where schemaname = 'public' and indexdef like 'CREATE UNIQUE INDEX%'
                    and indexname not like '%\\_pkey' and tablename <> 'flyway_schema_history'""")
                .intoSet(0, String.class);
        Set<String> actual = mariaDb.fetch("""
                select distinct index_name from information_schema.statistics
                where table_schema = database() and non_unique = 0 and index_name <> 'PRIMARY'
                    and table_name <> 'flyway_schema_history'""")
                .intoSet(0, String.class);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void foreignKeys_sameOnDeleteRules(DSLContext mariaDb) {
        Map<String, String> expected = postgres.dsl().fetch("""
                select constraint_name, delete_rule from information_schema.referential_constraints
                where constraint_schema = 'public'""")
                .intoMap(row -> row.get(0, String.class), row -> row.get(1, String.class));
        Map<String, String> actual = mariaDb.fetch("""
                select constraint_name, delete_rule from information_schema.referential_constraints
                where constraint_schema = database()""")
                .intoMap(row -> row.get(0, String.class), row -> row.get(1, String.class));

        assertThat(actual).isEqualTo(expected).hasSize(16);
        // MariaDB silently stores ON DELETE SET DEFAULT as RESTRICT (docs/mariadb-facts.md): the
        // reference schema must keep using none, or its MariaDB mirror would differ.
        assertThat(expected).doesNotContainValue("SET DEFAULT");
    }

    private static Set<String> rows(Result<Record> result) {
        return result.stream()
                .map(row -> row.intoStream().map(String::valueOf).collect(Collectors.joining(" ")))
                .collect(Collectors.toSet());
    }
}
