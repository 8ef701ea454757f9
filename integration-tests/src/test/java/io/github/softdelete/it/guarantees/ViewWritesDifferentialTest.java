package io.github.softdelete.it.guarantees;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.Table;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeleteException;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.fixture.SeededDatabaseTest;
import io.github.softdelete.it.harness.PostgresTest;

/**
 * Writes through views, against PostgreSQL's own writes through the same views: the library's write on schema
 * {@code vlib} (soft-deletable tables, some rows soft-deleted, the policy read from the catalog) changes the same
 * base rows as PostgreSQL's write on schema {@code vora}, a copy without the library whose deleted rows are gone
 * (soft there, hard here), or the library refuses it and changes nothing. Where PostgreSQL itself refuses (a view
 * that is not automatically updatable), the library must refuse too.
 *
 * <p>The views are the shapes that once went wrong: a UNION (a DELETE aimed at a delivery soft-deleted the
 * customer with the same id), a view that shows another column under the key's name (the wrong order was
 * soft-deleted), a view that renames the key (refused, although PostgreSQL writes through it), a view with a CTE
 * (the catalog-built policy failed to build); and the rest of PostgreSQL's rules for updatable views.
 */
@PostgresTest
class ViewWritesDifferentialTest extends SeededDatabaseTest {

    private static final String LIBRARY = "vlib";
    private static final String ORACLE = "vora";

    private static final List<String> TABLES = List.of("customers", "orders", "deliveries");

    private static final Map<String, String> VIEWS = Map.ofEntries(
        Map.entry("union_contacts", "select id, email as contact from S.customers union all select id, carrier from S.deliveries"),
        Map.entry("order_by_customer", "select customer_id as id, total, status from S.orders"),
        Map.entry("customer_logins", "select id as customer_no, email as login from S.customers"),
        Map.entry("customer_totals", "with totals as (select customer_id, sum(total) as total from S.orders group by customer_id)"
            + " select customer_id, total from totals"),
        Map.entry("customers_with_new_orders", "select c.id, c.email from S.customers c where exists (select 1 from S.orders o"
            + " where o.customer_id = c.id and o.status = 'new')"),
        Map.entry("order_statuses", "select distinct status from S.orders"),
        Map.entry("order_counts", "select customer_id, count(*) as n from S.orders group by customer_id"),
        Map.entry("first_customers", "select id, email from S.customers order by id limit 2"),
        Map.entry("numbered_customers", "select id, email, row_number() over (order by id) as n from S.customers"),
        Map.entry("order_emails", "select o.id, o.status, c.email from S.orders o join S.customers c on c.id = o.customer_id"),
        Map.entry("upper_emails", "select id, upper(email) as email, email as plain_email from S.customers"),
        Map.entry("x_customers", "select c.id as cid, c.email from S.customers c where c.email like '%@x'"));

    /** The policy of the library's schema, read from the catalog. */
    private static DSLContext library;

    @BeforeAll
    static void createSchemas() {
        for (String schema : List.of(LIBRARY, ORACLE)) {
            plain.execute("drop schema if exists " + schema + " cascade");
            plain.execute("create schema " + schema);
            plain.execute("create table " + schema + ".customers (id bigint primary key, email text not null, deleted_at timestamptz)");
            plain.execute("create table " + schema + ".orders (id bigint primary key, customer_id bigint not null references " + schema
                + ".customers on delete cascade, total int not null, status text not null, deleted_at timestamptz)");
            plain.execute("create index on " + schema + ".orders (customer_id, deleted_at)");
            plain.execute("create table " + schema + ".deliveries (id bigint primary key, carrier text not null, deleted_at timestamptz)");
            VIEWS.forEach((view, definition) -> plain.execute("create view " + schema + "." + view + " as " + definition.replace("S.", schema + ".")));
        }
        // The catalog-built policy, views included: a view with a CTE once made it throw.
        library = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.fromDatabase(plain, LIBRARY)));
    }

    /** The same rows in both schemas, outside the reference schema, which stays empty. */
    @Override
    protected void seed(DSLContext plain) {
        for (String schema : List.of(LIBRARY, ORACLE)) {
            plain.execute("truncate " + schema + ".customers, " + schema + ".orders, " + schema + ".deliveries");
            plain.execute("insert into " + schema + ".customers values (1, 'a@x', null), (2, 'b@x', null), (3, 'c@x', '2026-01-01'),"
                + " (4, 'd@x', null), (5, 'e@y', null)");
            plain.execute("insert into " + schema + ".orders values (1, 1, 10, 'new', null), (2, 1, 20, 'new', null),"
                + " (3, 2, 30, 'paid', null), (4, 3, 40, 'new', '2026-01-01'), (5, 4, 50, 'new', null), (6, 5, 60, 'paid', null),"
                + " (7, 2, 70, 'new', '2026-02-01'), (8, 4, 80, 'paid', null)");
            plain.execute("insert into " + schema + ".deliveries values (1, 'dhl', null), (2, 'ups', null), (3, 'fedex', null),"
                + " (4, 'dhl', '2026-01-01')");
        }
        // The oracle has no deleted rows: a soft-deleted row is one that is gone.
        for (String table : TABLES)
            plain.execute("delete from " + ORACLE + "." + table + " where deleted_at is not null");
    }

    enum Expected { SAME_ROWS, REFUSED_BY_BOTH, REFUSED_BY_THE_LIBRARY }

    static Stream<Arguments> writes() {
        return Stream.of(
            delete("union_contacts", "contact = 'ups'", Expected.REFUSED_BY_BOTH),
            // PostgreSQL writes through it, but it does not show the orders' key: the library cannot tell its rows apart
            // (it once took the customer id it shows as "id" for the order's id)
            delete("order_by_customer", "id = 1", Expected.REFUSED_BY_THE_LIBRARY),
            update("order_by_customer", "status", "'shipped'", "id = 2", Expected.REFUSED_BY_THE_LIBRARY),
            delete("customer_logins", "customer_no = 2", Expected.SAME_ROWS),
            update("customer_logins", "login", "'z@x'", "customer_no = 1", Expected.SAME_ROWS),
            delete("customer_totals", "customer_id = 1", Expected.REFUSED_BY_BOTH),
            delete("customers_with_new_orders", "email like '%@x'", Expected.SAME_ROWS),
            update("customers_with_new_orders", "email", "'new@x'", "id > 0", Expected.SAME_ROWS),
            delete("order_statuses", "status = 'paid'", Expected.REFUSED_BY_BOTH),
            delete("order_counts", "customer_id = 4", Expected.REFUSED_BY_BOTH),
            delete("first_customers", "id = 1", Expected.REFUSED_BY_BOTH),
            delete("numbered_customers", "id = 1", Expected.REFUSED_BY_BOTH),
            delete("order_emails", "email = 'a@x'", Expected.REFUSED_BY_BOTH),
            delete("upper_emails", "email = 'A@X'", Expected.SAME_ROWS),
            update("upper_emails", "plain_email", "'q@x'", "email = 'D@X'", Expected.SAME_ROWS),
            delete("x_customers", "cid in (2, 4, 5)", Expected.SAME_ROWS),
            update("x_customers", "email", "'w@x'", "cid = 2", Expected.SAME_ROWS));
    }

    private static Arguments delete(String view, String where, Expected expected) {
        return Arguments.of("DELETE FROM " + view + " WHERE " + where, view,
            (Function<DSLContext, Query>) dsl -> dsl.deleteFrom(table(name(LIBRARY, view))).where(condition(where)),
            "delete from " + ORACLE + "." + view + " where " + where, expected);
    }

    private static Arguments update(String view, String column, String value, String where, Expected expected) {
        return Arguments.of("UPDATE " + view + " SET " + column + " = " + value + " WHERE " + where, view,
            (Function<DSLContext, Query>) dsl -> dsl.update(table(name(LIBRARY, view))).set(field(name(column), String.class), field(value, String.class))
                .where(condition(where)),
            "update " + ORACLE + "." + view + " set " + column + " = " + value + " where " + where, expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("writes")
    void writeThroughView_changesTheRowsPostgresChanges_orIsRefused(String name, String view, Function<DSLContext, Query> write,
                                                                     String oracleWrite, Expected expected) {
        List<List<Map<String, Object>>> before = liveRows(LIBRARY);
        RuntimeException refusal = run(() -> write.apply(library).execute());
        RuntimeException oracleRefusal = run(() -> plain.execute(oracleWrite));

        if (oracleRefusal != null)
            assertThat(sqlState(oracleRefusal)).as("PostgreSQL refuses writes through views it cannot update").isIn("0A000", "55000");
        switch (expected) {
            case SAME_ROWS -> {
                assertThat(refusal).as("the library's write").isNull();
                assertThat(oracleRefusal).as("PostgreSQL's write").isNull();
                assertThat(liveRows(LIBRARY)).as("live rows after the library's write, against PostgreSQL's")
                    .isEqualTo(liveRows(ORACLE));
                assertThat(liveRows(LIBRARY)).as("the write changed something").isNotEqualTo(before);
            }
            case REFUSED_BY_BOTH, REFUSED_BY_THE_LIBRARY -> {
                assertThat(refusal).as("the library's refusal").isInstanceOf(SoftDeleteException.class)
                    .hasMessageContaining("through view \"" + view + "\"").hasMessageContaining("Nothing was executed");
                assertThat(oracleRefusal != null).as("PostgreSQL refused too").isEqualTo(expected == Expected.REFUSED_BY_BOTH);
                assertThat(liveRows(LIBRARY)).as("nothing changed").isEqualTo(before);
            }
        }
    }

    @Test
    void readViewWithCte_totalsOfLiveOrdersOnly() {
        Table<?> totals = table(name(LIBRARY, "customer_totals"));
        assertThat(library.selectFrom(totals).orderBy(field(name("customer_id"))).fetch().intoMaps())
            .isEqualTo(plain.fetch("select * from " + ORACLE + ".customer_totals order by customer_id").intoMaps());
    }

    @Test
    void readViewWithSubquery_livesOnlyThroughLiveOrders() {
        Table<?> view = table(name(LIBRARY, "customers_with_new_orders"));
        assertThat(library.selectFrom(view).orderBy(field(name("id"))).fetch().intoMaps())
            .isEqualTo(plain.fetch("select * from " + ORACLE + ".customers_with_new_orders order by id").intoMaps())
            .as("customer 2's only new order is deleted").noneMatch(row -> row.get("id").equals(2L));
    }

    @Test
    void policyFromCatalog_recognisesEveryViewOverTheTables() {
        assertThat(SoftDeletePolicy.fromDatabase(plain, LIBRARY).views()).extracting(Object::toString)
            .contains("\"customer_totals\" (inlined)", "\"union_contacts\" (inlined)", "\"customers_with_new_orders\" (inlined)");
    }

    @Test
    void updateThroughViewOfTheMarkerUnderAnotherName_refusedAsAMarkerWrite() {
        plain.execute("create or replace view " + LIBRARY + ".customer_states as select id, deleted_at as gone from " + LIBRARY + ".customers");
        DSLContext withView = DSL.using(SoftDelete.install(database.newConfiguration(), SoftDeletePolicy.fromDatabase(plain, LIBRARY)));
        try {
            assertThatThrownBy(() -> withView.update(table(name(LIBRARY, "customer_states"))).setNull(field(name("gone")))
                .where(condition("id = 3")).execute())
                .isInstanceOf(SoftDeleteException.class).hasMessageContaining("deleted_at");
            assertThat(plain.fetchValue("select deleted_at is not null from " + LIBRARY + ".customers where id = 3")).isEqualTo(true);
        } finally {
            plain.execute("drop view " + LIBRARY + ".customer_states");
        }
    }

    // Per table, its live rows: in the library's schema the rows without a deletion stamp, in the oracle's all rows.
    private static List<List<Map<String, Object>>> liveRows(String schema) {
        List<List<Map<String, Object>>> rows = new ArrayList<>();
        for (String table : TABLES)
            rows.add(plain.fetch("select * from " + schema + "." + table + (schema.equals(LIBRARY) ? " where deleted_at is null" : "")
                + " order by id").intoMaps().stream().map(ViewWritesDifferentialTest::withoutMarker).toList());
        return rows;
    }

    private static Map<String, Object> withoutMarker(Map<String, Object> row) {
        Map<String, Object> copy = new java.util.LinkedHashMap<>(row);
        copy.remove("deleted_at");
        return copy;
    }

    private static RuntimeException run(Runnable write) {
        try {
            write.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    private static String sqlState(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause())
            if (t instanceof SQLException sql)
                return sql.getSQLState();
        return e instanceof DataAccessException access ? access.sqlState() : null;
    }
}
