package io.github.softdelete.internal.policy;

import java.util.List;

import org.jooq.Field;
import org.jooq.Table;

import io.github.softdelete.OnDelete;
import io.github.softdelete.SoftDeletePolicy;

/**
 * A foreign key that points at a soft-deletable table, with the rule a soft delete follows.
 *
 * @param name          the constraint name, for messages (e.g. {@code posts_author_id_fkey})
 * @param child         the referencing table (soft-deletable or not)
 * @param childColumns  its referencing columns
 * @param parent        the referenced, soft-deletable table
 * @param parentColumns the referenced columns, in the order of {@code childColumns}
 * @param rule          the {@code ON DELETE} rule
 * @param ruleKnown     false when nothing told the policy the key's rule (jOOQ 3.19's metadata has none,
 *                      and no declaration or catalog did), so {@code rule} is the NO ACTION fallback
 */
public record Relation(String name, Table<?> child, List<Field<?>> childColumns,
                       PolicyTable parent, List<Field<?>> parentColumns, OnDelete rule, boolean ruleKnown) {

    public Relation {
        childColumns = List.copyOf(childColumns);
        parentColumns = List.copyOf(parentColumns);
    }

    /** A relation whose rule is known. */
    public Relation(String name, Table<?> child, List<Field<?>> childColumns,
                    PolicyTable parent, List<Field<?>> parentColumns, OnDelete rule) {
        this(name, child, childColumns, parent, parentColumns, rule, true);
    }

    /** Whether the rule refuses a delete while live children refer to the parent. */
    public boolean restricts() {
        return rule == OnDelete.RESTRICT || rule == OnDelete.NO_ACTION;
    }

    /** {@return this relation as the public API describes it} */
    public SoftDeletePolicy.Relation described() {
        return new SoftDeletePolicy.Relation(name, child, childColumns, parent.table(), parentColumns, rule, ruleKnown);
    }

    // The text of messages; one place words it, SoftDeletePolicy.Relation.
    @Override
    public String toString() {
        return described().toString();
    }
}
