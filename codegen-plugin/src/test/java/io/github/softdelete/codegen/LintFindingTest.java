package io.github.softdelete.codegen;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Arrays;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;
import org.junit.jupiter.api.Test;

import io.github.softdelete.Marker;
import io.github.softdelete.SoftDeletePolicy;
import io.github.softdelete.codegen.internal.Finding;
import io.github.softdelete.codegen.internal.TableName;

/**
 * The public lint API over the internal lint: its findings are the internal ones, kind for kind and line for line.
 * {@code SchemaLint.check} itself runs on PostgreSQL in cli's {@code CliTest}, through {@code softdelete lint}.
 */
class LintFindingTest {

    @Test
    void kinds_matchTheInternalKinds_inNameLabelAndOrder() {
        assertThat(Arrays.stream(LintFinding.Kind.values()).map(Enum::name))
            .containsExactlyElementsOf(Arrays.stream(Finding.Kind.values()).map(Enum::name).toList());
        assertThat(Arrays.stream(LintFinding.Kind.values()).map(LintFinding.Kind::label))
            .containsExactlyElementsOf(Arrays.stream(Finding.Kind.values()).map(Finding.Kind::label).toList());
    }

    @Test
    void of_internalFinding_keepsItsPartsAndPrintsTheSameLine() {
        Finding internal = new Finding(Finding.Kind.UNINDEXED_FOREIGN_KEY, new TableName("shop", "orders"),
            "orders_customer_id_fkey", "foreign key orders_customer_id_fkey on shop.orders has no index.");

        LintFinding finding = LintFinding.of(internal);

        assertThat(finding).isEqualTo(new LintFinding(LintFinding.Kind.UNINDEXED_FOREIGN_KEY, "shop", "orders",
            "orders_customer_id_fkey", "foreign key orders_customer_id_fkey on shop.orders has no index."));
        assertThat(finding).hasToString(internal.toString())
            .hasToString("[unindexed-foreign-key] foreign key orders_customer_id_fkey on shop.orders has no index.");
    }

    @Test
    void constructor_nullComponent_throws() {
        assertThatThrownBy(() -> new LintFinding(LintFinding.Kind.MARKER_LOOK_ALIKE, "public", "posts", null, "m"))
            .isInstanceOf(NullPointerException.class).hasMessage("constraint");
    }

    @Test
    void check_tableWithoutSchema_andNoDefaultSchema_throwsBeforeReadingTheCatalog() {
        SoftDeletePolicy policy = SoftDeletePolicy.builder()
            .table(table(name("posts")), Marker.timestamp(field(name("deleted_at"), SQLDataType.TIMESTAMPWITHTIMEZONE)))
            .build();

        // No connection: reading the catalog would fail with a DataAccessException instead.
        assertThatThrownBy(() -> SchemaLint.check(DSL.using(SQLDialect.POSTGRES), policy, null))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("table posts of the policy has no schema, and defaultSchema is null: pass the schema that"
                + " holds it, e.g. \"public\"");
    }
}
