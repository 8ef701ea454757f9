package io.github.softdelete.internal.sql;

import java.util.List;

import org.jooq.Condition;
import org.jooq.impl.DSL;

import io.github.softdelete.internal.policy.ReadMode;

/** Builds the injected predicates. They carry no bind values, so batch binding is unaffected. */
public final class Predicates {

    private Predicates() {
    }

    /** The conjunction of each table's predicate for the read mode, or null when nothing applies. */
    public static Condition allOf(List<TableReference> tables, ReadMode mode) {
        if (tables.isEmpty() || mode == ReadMode.ALL)
            return null;
        if (tables.size() == 1)
            return tables.get(0).predicate(mode);
        Condition[] predicates = new Condition[tables.size()];
        for (int i = 0; i < predicates.length; i++)
            predicates[i] = tables.get(i).predicate(mode);
        return DSL.and(predicates);
    }

    /** {@code existing AND extra}, where either may be null. */
    public static Condition and(Condition existing, Condition extra) {
        if (extra == null)
            return existing;
        return existing == null ? extra : existing.and(extra);
    }
}
