package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.COMMENTS;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jooq.CommonTableExpression;
import org.jooq.Field;
import org.jooq.Query;
import org.jooq.Select;
import org.jooq.SelectLimitStep;
import org.jooq.WithStep;
import org.jooq.impl.DSL;

import io.github.softdelete.it.db.tables.Comments;

/**
 * The seeded generator of random reads and statements over the reference schema. A case depends on its
 * seed alone, so {@code read(i, seed)} gives the same query in every run and on every machine.
 *
 * <p>Reads are SELECTs of one to four sources with every join kind, subqueries of every kind, derived
 * tables, CTEs (one recursive), set operations, grouping, DISTINCT and ORDER BY with LIMIT; see
 * {@link Shape}. Statements are UPDATEs and DELETEs whose WHERE clause has a subquery.
 *
 * <p>On MariaDB it generates the same shapes, PostgreSQL's included, with one exception: no USING join inside an
 * IN subquery or a statement, where jOOQ's workarounds (derived tables) would put it beside references to the
 * enclosing query, which crash MariaDB 10.11 ({@link Gen#engine}).
 *
 * <p>Thread-safe: it holds no state but its engine; each case is built on a fresh {@link Gen}.
 */
public final class QueryGenerator {

    private final Engine engine;

    /** The generator for PostgreSQL. */
    public QueryGenerator() {
        this(Engine.POSTGRES);
    }

    /**
     * The generator for {@code engine}: the same seed gives the same case on both, but for the joins inside IN
     * subqueries on MariaDB.
     *
     * @param engine the database the cases will run on
     */
    public QueryGenerator(Engine engine) {
        this.engine = engine;
    }

    /**
     * The seed of case {@code index} of a run with seed {@code runSeed}: SplitMix64 over both.
     *
     * @param runSeed the run's seed
     * @param index   the case's number
     * @return the case's seed
     */
    public static long caseSeed(long runSeed, int index) {
        long z = runSeed + 0x9E3779B97F4A7C15L * (index + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /**
     * The read generated from {@code seed}.
     *
     * @param index the case's number, for reports
     * @param seed  the case's seed
     * @return the read
     */
    public ReadCase read(int index, long seed) {
        Gen gen = new Gen(seed, engine);
        Mode mode = Mode.values()[gen.weighted(80, 10, 10)];
        gen.mode = mode;
        if (mode != Mode.LIVE)
            gen.shape(mode == Mode.INCLUDE_DELETED ? Shape.INCLUDE_DELETED : Shape.ONLY_DELETED);
        WithStep with = gen.chance(0.15) ? ctes(gen) : null;
        Typed body = gen.chance(0.2) ? gen.selects.setOperation(null, 0, null, with) : gen.selects.select(null, 0, null, with);
        Select<?> query = body.select();
        boolean ordered = false;
        int order = gen.weighted(50, 35, 15);
        if (order == 1 || order == 2 && body.outputs().size() == 1) {
            gen.shape(Shape.ORDER_BY);
            SelectLimitStep<?> sorted = gen.selects.orderByAll(body, true);
            query = sorted;
            ordered = true;
            if (gen.chance(0.6)) {
                gen.shape(Shape.ORDER_BY_LIMIT);
                query = gen.chance(0.3) ? sorted.limit(DSL.inline(gen.between(1, 8))).offset(DSL.inline(gen.between(1, 3)))
                    : sorted.limit(DSL.inline(gen.between(1, 8)));
            }
        } else if (order == 2) {
            gen.shape(Shape.ORDER_BY_PARTIAL);
            query = ((org.jooq.SelectOrderByStep<?>) query).orderBy(DSL.inline(1));
        }
        return new ReadCase(index, seed, mode, query, ordered, Set.copyOf(gen.shapes));
    }

    /**
     * The UPDATE or DELETE generated from {@code seed}.
     *
     * @param index the case's number, for reports
     * @param seed  the case's seed
     * @return the statement
     */
    public StatementCase statement(int index, long seed) {
        Gen gen = new Gen(seed, engine);
        gen.statement = true;
        StatementGenerator generator = new StatementGenerator(gen);
        Query statement = generator.statement();
        return new StatementCase(index, seed, statement, Set.copyOf(gen.shapes), generator.target(), generator.matched());
    }

    // One or two CTEs, the second may read the first; sometimes a recursive one over comment threads.
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static WithStep ctes(Gen gen) {
        List<CommonTableExpression<?>> ctes = new ArrayList<>();
        int count = gen.between(1, 2);
        for (int i = 0; i < count; i++) {
            Typed body = gen.chance(0.25) ? gen.selects.setOperation(null, 1, null, null) : gen.selects.select(null, 1, null, null);
            String name = gen.cteName();
            ctes.add(DSL.name(name).fields(names(body.outputs().size())).as((Select) body.select()));
            gen.ctes.add(new Gen.Cte(name, body.outputs()));
        }
        boolean recursive = gen.chance(0.3);
        if (recursive)
            ctes.add(thread(gen));
        gen.useCteFirst = true;
        return recursive ? DSL.withRecursive(ctes.toArray(CommonTableExpression[]::new)) : DSL.with(ctes);
    }

    // The replies below some comments: WITH RECURSIVE r(c0, c1) AS (SELECT id, post_id ... UNION ALL SELECT replies JOIN r).
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static CommonTableExpression<?> thread(Gen gen) {
        gen.shape(Shape.RECURSIVE_CTE);
        String name = gen.cteName();
        Comments start = COMMENTS.as(gen.alias());
        Comments reply = COMMENTS.as(gen.alias());
        Field<Long> parent = DSL.field(DSL.name(name, "c0"), Long.class);
        Column first = gen.chance(0.5) ? new Column(start.ID, Domain.COMMENT_ID, false) : new Column(start.POST_ID, Domain.POST_ID, false);
        Select<?> seed = DSL.select(start.ID, start.POST_ID).from(start).where(gen.conditions.literal(first));
        Select<?> replies = DSL.select(reply.ID, reply.POST_ID).from(reply).join(DSL.table(DSL.name(name))).on(reply.PARENT_ID.eq(parent));
        gen.ctes.add(new Gen.Cte(name, List.of(new Column(parent, Domain.COMMENT_ID, false),
            new Column(DSL.field(DSL.name(name, "c1"), Long.class), Domain.POST_ID, false))));
        return DSL.name(name).fields("c0", "c1").as(((Select) seed).unionAll((Select) replies));
    }

    private static String[] names(int count) {
        String[] names = new String[count];
        for (int i = 0; i < count; i++)
            names[i] = "c" + i;
        return names;
    }
}
