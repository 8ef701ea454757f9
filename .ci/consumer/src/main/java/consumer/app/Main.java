package consumer.app;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.SoftDeletePolicy;

/** Uses softdelete-core from the module path; exits non-zero when something is not as expected. */
public final class Main {

    public static void main(String[] args) {
        Module core = SoftDelete.class.getModule();
        check(core.isNamed() && core.getName().equals("io.github.softdelete"), "core is the named module io.github.softdelete: " + core);
        check(core.isExported("io.github.softdelete"), "io.github.softdelete is exported");
        check(!core.isExported("io.github.softdelete.internal"), "io.github.softdelete.internal is not exported");

        Table<Record> posts = table(name("public", "posts"));
        Field<OffsetDateTime> deletedAt = field(name("public", "posts", "deleted_at"), OffsetDateTime.class);
        Field<Long> id = field(name("public", "posts", "id"), Long.class);
        SoftDeletePolicy policy = SoftDeletePolicy.builder().table(posts, deletedAt).build();
        String mode = args.length > 0 ? args[0] : "select";
        if (mode.equals("install-without-opens")) {
            // jOOQ 3.19 keeps a DELETE's RETURNING list in a field of org.jooq.impl that only reflection
            // reaches: install refuses at once, naming the fix, rather than fail at the first DELETE.
            try {
                SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), policy);
                check(false, "install without --add-opens fails");
            } catch (IllegalStateException expected) {
                check(expected.getMessage().contains("--add-opens org.jooq/org.jooq.impl=io.github.softdelete"),
                    "the failure names the fix: " + expected.getMessage());
            }
            System.out.println("module path: ok (" + mode + ")");
            return;
        }
        DSLContext ctx = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), policy));

        String select = ctx.render(ctx.selectFrom(posts));
        check(select.contains("\"deleted_at\" is null"), "SELECT is filtered: " + select);
        if (mode.equals("delete")) {
            // Needs --add-opens org.jooq/org.jooq.impl=io.github.softdelete: jOOQ 3.19 keeps a DELETE's
            // RETURNING list in a field of org.jooq.impl that only reflection reaches.
            String delete = ctx.render(ctx.deleteFrom(posts).where(id.eq(1L)));
            check(delete.startsWith("update"), "DELETE becomes UPDATE: " + delete);
            String returning = ctx.render(ctx.deleteFrom(posts).where(id.eq(1L)).returning(id));
            check(returning.startsWith("update") && returning.contains("returning"), "DELETE ... RETURNING: " + returning);
        }
        System.out.println("module path: ok (" + mode + ")");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            System.err.println("module path: FAILED: " + what);
            System.exit(1);
        }
    }
}
