package io.github.softdelete.it.codegen;

import static io.github.softdelete.it.db.Public.PUBLIC;
import static io.github.softdelete.it.db.Tables.ATTACHMENTS;
import static io.github.softdelete.it.db.Tables.DOCUMENTS;
import static io.github.softdelete.it.db.Tables.PRODUCTS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletableTable;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.harness.PostgresTest;
import java.util.List;
import java.util.Map;
import org.jooq.DSLContext;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * The generated policy is equal in effect to {@code SoftDeletePolicy.forSchema(PUBLIC)}: the same
 * tables and the same relations. Only the rules differ on jOOQ 3.19, where forSchema has none and
 * counts every key as NO ACTION; the generated policy has the catalog's.
 */
@PostgresTest
class GeneratedPolicyTest {

    // forSchema finds the deleted_at tables; the V4 tables are declared as softdelete.markers declares them.
    private static final SoftDeletePolicy FOR_SCHEMA = SoftDeletePolicy.builder()
            .table(ATTACHMENTS, Marker.flagAndTimestamp(ATTACHMENTS.REMOVED, ATTACHMENTS.REMOVED_AT))
            .table(DOCUMENTS, Marker.flag(DOCUMENTS.IS_DELETED).deletedBy(DOCUMENTS.DELETED_BY))
            .table(PRODUCTS, PRODUCTS.ARCHIVED_AT)
            .schema(PUBLIC)
            .build();

    @Test
    void generatedPolicy_tables_equalForSchemas() {
        assertThat(SoftDeletes.POLICY.tables()).isNotEmpty().containsExactlyInAnyOrderElementsOf(FOR_SCHEMA.tables());
        for (Table<?> table : SoftDeletes.POLICY.tables()) {
            assertThat(SoftDeletes.POLICY.marker(table)).isEqualTo(FOR_SCHEMA.marker(table));
        }
    }

    @Test
    void generatedPolicy_relations_equalForSchemasWithTheCatalogsRules(DSLContext dsl) {
        Map<String, String> catalogRules = dsl.resultQuery("""
                        select conname, case confdeltype when 'c' then 'CASCADE' when 'r' then 'RESTRICT'
                            when 'n' then 'SET NULL' when 'd' then 'SET DEFAULT' else 'NO ACTION' end
                        from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace""")
                .fetchMap(r -> r.get(0, String.class), r -> r.get(1, String.class));

        List<String> generated = SoftDeletes.POLICY.relations().stream().map(Object::toString).toList();

        assertThat(withoutRules(generated)).containsExactlyInAnyOrderElementsOf(withoutRules(FOR_SCHEMA.relations().stream().map(Object::toString).toList()));
        assertThat(generated).hasSize(15).allSatisfy(relation -> {
            String name = relation.substring(0, relation.indexOf(' '));
            assertThat(relation).endsWith(", ON DELETE " + catalogRules.get(name) + ")");
        });
    }

    @Test
    void generatedTables_withMarker_implementSoftDeletableTable() {
        for (Table<?> table : PUBLIC.getTables()) {
            assertThat(table instanceof SoftDeletableTable<?, ?>).as(table.getName())
                    .isEqualTo(table.field("deleted_at") != null || FOR_SCHEMA.marker(table).isPresent());
        }
        assertThat(DOCUMENTS.softDeleteMarker()).isSameAs(DOCUMENTS.IS_DELETED);
        assertThat(PRODUCTS.softDeleteMarker()).isSameAs(PRODUCTS.ARCHIVED_AT);
        assertThat(USERS.softDeleteMarker()).isSameAs(USERS.DELETED_AT);
        assertThat((Object) TAGS).isNotInstanceOf(SoftDeletableTable.class);
    }

    @Test
    void softDeleteMarker_ofAlias_isTheAliasesColumn() {
        assertThat(DSL.using(org.jooq.SQLDialect.POSTGRES).render(USERS.as("u").live()))
                .isEqualTo("\"u\".\"deleted_at\" is null");
    }

    @Test
    void generatedFlagHelpers_renderTheLivePredicateTheIndexesUse() {
        assertThat(DSL.using(org.jooq.SQLDialect.POSTGRES).render(DOCUMENTS.as("d").live())).isEqualTo("not \"d\".\"is_deleted\"");
        assertThat(DSL.using(org.jooq.SQLDialect.POSTGRES).render(ATTACHMENTS.deleted())).isEqualTo("\"public\".\"attachments\".\"removed\"");
    }

    private static List<String> withoutRules(List<String> relations) {
        return relations.stream().map(relation -> relation.substring(0, relation.indexOf(", ON DELETE "))).toList();
    }
}
