package io.github.softdelete.internal.policy;

import java.lang.reflect.Method;

import org.jooq.ForeignKey;

import io.github.softdelete.OnDelete;

/**
 * Reads a foreign key's {@code ON DELETE} rule from jOOQ's metadata.
 *
 * <p>{@code ForeignKey.getDeleteRule()} exists from jOOQ 3.20 on ([#9736]), and jOOQ 3.20 needs Java 21, while
 * this library is built against jOOQ 3.19 for Java 17. So the method is looked up once by reflection:
 * on 3.19 there is no rule in the metadata, and the policy falls back to rules declared on its builder
 * (the code generator declares them), then to {@link OnDelete#NO_ACTION}, the SQL default, which
 * refuses rather than guesses.
 */
public final class ForeignKeyRules {

    private static final Method GET_DELETE_RULE = lookup();

    private ForeignKeyRules() {
    }

    /** The rule from jOOQ's metadata, or null when this jOOQ version or the key does not carry one. */
    static OnDelete fromMetadata(ForeignKey<?, ?> key) {
        if (GET_DELETE_RULE == null)
            return null;
        try {
            Object rule = GET_DELETE_RULE.invoke(key);
            return rule instanceof Enum<?> e ? OnDelete.valueOf(e.name()) : null;
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            return null;
        }
    }

    private static Method lookup() {
        try {
            return ForeignKey.class.getMethod("getDeleteRule");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
