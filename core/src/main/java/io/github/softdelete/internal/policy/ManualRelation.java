package io.github.softdelete.internal.policy;

import org.jooq.Field;
import org.jooq.Table;

import io.github.softdelete.OnDelete;

/** A relation declared on the policy builder for tables without generated keys. */
public record ManualRelation(Table<?> child, Field<?> childColumn, Table<?> parent, Field<?> parentColumn, OnDelete rule) {
}
