package io.github.softdelete.internal.render;

import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jooq.Context;
import org.jooq.DSLContext;
import org.jooq.QueryPart;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.CustomQueryPart;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * A kept text holds one variant per way of rendering, however many configurations render it and in whatever
 * order: configurations made per thread or per request, each with settings of its own that equal the others',
 * all replay the one text. (jOOQ completes a configuration's settings during its first render; text kept under
 * the settings as they were before would never match again.)
 */
class KeptTextVariantsTest {

    private static final int CONFIGURATIONS = 8;
    private static final int RENDERS_EACH = 5;

    @Test
    void freshConfigurationsRenderingOneAfterAnother_keepOneVariant() {
        KeptText text = new KeptText();
        List<String> rendered = new ArrayList<>();
        for (int i = 0; i < CONFIGURATIONS; i++) {
            DSLContext ctx = DSL.using(SQLDialect.POSTGRES, new Settings());
            for (int j = 0; j < RENDERS_EACH; j++)
                rendered.add(ctx.render(part(text)));
        }

        assertThat(text.variantCount()).isEqualTo(1);
        assertThat(rendered).containsOnly(rendered.get(0));
        assertThat(rendered.get(0)).isEqualTo("before \"public\".\"users\".\"id\" = 1 after");
    }

    @Test
    void freshConfigurationsRenderingAtOnce_keepOneVariant() throws Exception {
        KeptText text = new KeptText();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(CONFIGURATIONS);
        try {
            List<Future<List<String>>> results = new ArrayList<>();
            for (int i = 0; i < CONFIGURATIONS; i++)
                results.add(threads.submit(() -> {
                    DSLContext ctx = DSL.using(SQLDialect.POSTGRES, new Settings());
                    start.await();
                    List<String> rendered = new ArrayList<>();
                    for (int j = 0; j < RENDERS_EACH; j++)
                        rendered.add(ctx.render(part(text)));
                    return rendered;
                }));
            start.countDown();
            for (Future<List<String>> result : results)
                assertThat(result.get()).containsOnly("before \"public\".\"users\".\"id\" = 1 after");
        } finally {
            threads.shutdownNow();
        }

        assertThat(text.variantCount()).isEqualTo(1);
    }

    // A part with text of its own around a hole that names a table, so that rendering the hole maps the schema.
    private static QueryPart part(KeptText text) {
        QueryPart hole = USERS.ID.eq(DSL.inline(1L));
        return text.render(hole, Context::visit, marks -> new Around(hole, marks));
    }

    private static final class Around extends CustomQueryPart {

        private static final long serialVersionUID = 1L;

        private final transient QueryPart hole;
        private final transient KeptText.Marks marks;

        Around(QueryPart hole, KeptText.Marks marks) {
            this.hole = hole;
            this.marks = marks;
        }

        @Override
        public void accept(Context<?> ctx) {
            ctx.sql("before ");
            if (marks != null)
                marks.around(ctx, hole);
            else
                ctx.visit(hole);
            ctx.sql(" after");
        }
    }
}
