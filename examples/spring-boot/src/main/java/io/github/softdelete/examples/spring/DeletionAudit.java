package io.github.softdelete.examples.spring;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.ZoneOffset;

import org.jooq.DSLContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import io.github.softdelete.SoftDeleteEvent;

/**
 * The audit trail: who deleted or restored what, when, with every row the operation reached through the foreign keys,
 * one row per table. An {@code @EventListener} runs inside the operation's transaction, so the audit rows commit with
 * the delete or not at all; if writing them fails, the delete fails too.
 */
@Component
public class DeletionAudit {

    private final DSLContext dsl;

    public DeletionAudit(DSLContext dsl) {
        this.dsl = dsl;
    }

    // snippet:begin events-audit
    @EventListener
    public void record(SoftDeleteEvent event) {
        for (SoftDeleteEvent.TableChange change : event.tables())
            dsl.insertInto(table(name("deletion_audit")))
                .columns(field(name("operation")), field(name("root_table")), field(name("table_name")), field(name("rows")),
                    field(name("stamp")), field(name("actor")))
                .values(event.operation().name(), event.root().getName(), change.table().getName(), change.rows(),
                    event.stamp().map(stamp -> stamp.atOffset(ZoneOffset.UTC)).orElse(null),
                    event.actor().map(Object::toString).orElse(null))
                .execute();
    }
    // snippet:end events-audit

    /** The audit rows, oldest first, as "OPERATION root table rows". */
    public java.util.List<String> rows() {
        return dsl.select(field(name("operation")), field(name("root_table")), field(name("table_name")), field(name("rows")))
            .from(table(name("deletion_audit"))).orderBy(field(name("id")))
            .fetch(row -> row.value1() + " " + row.value2() + " " + row.value3() + " " + row.value4());
    }

}
