package io.github.softdelete.it;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.softdelete.it.codegen.SchemaCodegen;
import io.github.softdelete.it.db.Public;
import io.github.softdelete.it.harness.PostgresTest;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import org.jooq.DSLContext;
import org.jooq.ForeignKey;
import org.jooq.Table;
import org.junit.jupiter.api.Test;

/**
 * The ON DELETE rule of every foreign key, as the migrations mean it. Soft cascades follow these
 * rules, so a new foreign key must get an expectation here before anything relies on it.
 */
@PostgresTest
class ForeignKeyRulesTest {

    private static final Map<String, String> EXPECTED = Map.ofEntries(
            entry("posts_author_id_fkey", "CASCADE"),
            entry("posts_category_id_fkey", "RESTRICT"),
            entry("posts_editor_id_fkey", "SET NULL"),
            entry("comments_post_id_fkey", "CASCADE"),
            entry("comments_author_id_fkey", "CASCADE"),
            entry("comments_parent_id_fkey", "CASCADE"),
            entry("likes_user_id_fkey", "CASCADE"),
            entry("likes_comment_id_fkey", "CASCADE"),
            entry("post_tags_post_id_fkey", "CASCADE"),
            entry("post_tags_tag_id_fkey", "CASCADE"),
            entry("products_owner_id_fkey", "CASCADE"),
            entry("products_category_id_fkey", "RESTRICT"),
            entry("documents_owner_id_fkey", "CASCADE"),
            entry("documents_product_id_fkey", "RESTRICT"),
            entry("attachments_document_id_fkey", "CASCADE"),
            entry("attachments_post_id_fkey", "RESTRICT"));

    @Test
    void generatedForeignKeys_eachHaveAnExpectedRule() {
        assertThat(generatedForeignKeys().keySet())
                .as("foreign keys in the generated classes; give each new one an expected rule")
                .containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    }

    @Test
    void foreignKeys_deleteRulesInCatalog_matchMigrations(DSLContext dsl) {
        Map<String, String> actual = new TreeMap<>(dsl.resultQuery("""
                        select conname,
                               case confdeltype when 'c' then 'CASCADE' when 'r' then 'RESTRICT'
                                   when 'n' then 'SET NULL' when 'd' then 'SET DEFAULT' else 'NO ACTION' end
                        from pg_constraint
                        where contype = 'f' and connamespace = 'public'::regnamespace""")
                .fetchMap(r -> r.get(0, String.class), r -> r.get(1, String.class)));

        assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
    }

    @Test
    void foreignKeys_deleteRulesInGeneratedClasses_matchMigrations() throws ReflectiveOperationException {
        // [jOOQ 3.20] ForeignKey.getDeleteRule() and the generator code that fills it first appear
        // in 3.20 (which needs Java 21); 3.19 keeps no ON DELETE rule in its metadata.
        Method getDeleteRule = findGetDeleteRule();
        assumeTrue(getDeleteRule != null, () -> "jOOQ " + SchemaCodegen.runningJooqVersion()
                + " has no ForeignKey.getDeleteRule(); the rules are checked in pg_constraint instead");
        assumeTrue(SchemaCodegen.runningJooqVersion().equals(SchemaCodegen.committedJooqVersion()),
                "the committed classes come from another jOOQ version; regenerate them to check their rules");

        Map<String, String> actual = new TreeMap<>();
        for (Map.Entry<String, ForeignKey<?, ?>> key : generatedForeignKeys().entrySet()) {
            Object rule = getDeleteRule.invoke(key.getValue());
            actual.put(key.getKey(), rule == null ? "NO ACTION" : ((Enum<?>) rule).name().replace('_', ' '));
        }

        assertThat(actual).isEqualTo(new TreeMap<>(EXPECTED));
    }

    private static Map<String, ForeignKey<?, ?>> generatedForeignKeys() {
        Map<String, ForeignKey<?, ?>> keys = new TreeMap<>();
        for (Table<?> table : Public.PUBLIC.getTables()) {
            for (ForeignKey<?, ?> key : table.getReferences()) {
                keys.put(key.getName(), key);
            }
        }
        return keys;
    }

    private static Method findGetDeleteRule() {
        try {
            return ForeignKey.class.getMethod("getDeleteRule");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
