package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Condition;
import org.jooq.Table;
import org.jooq.TableOnStep;
import org.jooq.impl.DSL;

/**
 * Generates FROM clauses: one to four {@link Sources sources}, joined INNER, LEFT, RIGHT, FULL, CROSS or
 * by comma, with nested joins on the right-hand side and joins of a table with itself. A fifth of the
 * qualified joins join with USING where the sides share a column name.
 *
 * <p>Join conditions follow a foreign key when one connects the two sides, and otherwise compare two
 * columns of one kind. FULL joins get equalities only, because PostgreSQL runs FULL JOIN only on
 * merge- or hash-joinable conditions. Joins without an equality are allowed only while the product
 * stays small, so that no query takes long.
 */
final class FromGenerator {

    private static final long CROSS_LIMIT = 2500;

    private final Gen gen;

    FromGenerator(Gen gen) {
        this.gen = gen;
    }

    /** A generated FROM clause: its comma-separated entries, their columns, and the comma joins' conditions. */
    record From(List<Table<?>> tables, List<Column> columns, List<Source> sources, Condition where) {
    }

    /** How an operand joins the tree so far, in the order of the generator's weights. */
    private enum Join {
        INNER(Shape.INNER_JOIN), LEFT(Shape.LEFT_JOIN), RIGHT(Shape.RIGHT_JOIN), FULL(Shape.FULL_JOIN),
        CROSS(Shape.CROSS_JOIN), COMMA(Shape.COMMA_JOIN);

        final Shape shape;

        Join(Shape shape) {
            this.shape = shape;
        }
    }

    /** What one join adds: a source, or a nested join of two. */
    private record Operand(Table<?> table, List<Column> columns, List<Source> sources, long rows) {
    }

    /**
     * A FROM clause for a query at {@code depth}, whose first source has a column of kind {@code needed}
     * (for a scalar subquery that aggregates one), unless that is null.
     */
    From generate(Scope outer, int depth, Kind needed) {
        int count = 1 + (depth == 0 ? gen.weighted(25, 35, 25, 15) : depth == 1 ? gen.weighted(45, 33, 15, 7) : gen.weighted(70, 30));
        List<Table<?>> items = new ArrayList<>();
        List<Column> done = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        Condition where = null;
        Operand first = single(needed != null ? gen.sources.baseWith(needed) : gen.sources.source(depth));
        Table<?> tree = first.table();
        List<Column> treeColumns = new ArrayList<>(first.columns());
        List<Source> treeSources = new ArrayList<>(first.sources());
        long rows = first.rows();
        int made = 1;
        while (made < count) {
            Operand op = count - made >= 2 && depth < 2 && gen.chance(0.12) ? nested(outer, depth) : single(gen.sources.source(depth));
            made += op.sources().size();
            if (selfJoin(sources, treeSources, op))
                gen.shape(Shape.SELF_JOIN);
            boolean small = rows * op.rows() <= CROSS_LIMIT;
            Join kind = Join.values()[gen.weighted(30, 25, 12, 12, small ? 6 : 0, 15)];
            gen.shape(kind.shape);
            if (kind == Join.COMMA) {
                items.add(tree);
                done.addAll(treeColumns);
                sources.addAll(treeSources);
                List<Column> before = new ArrayList<>(done);
                Condition join = equality(sources, before, op);
                if (join != null && (!small || !gen.chance(0.15)))
                    where = and(where, join);
                tree = op.table();
                treeColumns = new ArrayList<>(op.columns());
                treeSources = new ArrayList<>(op.sources());
                rows = small ? rows * op.rows() : Math.max(rows, op.rows()) * 3;
                continue;
            }
            if (kind == Join.CROSS) {
                tree = tree.crossJoin(op.table());
                rows *= op.rows();
            } else {
                TableOnStep<?> step = switch (kind) {
                    case LEFT -> tree.leftJoin(op.table());
                    case RIGHT -> tree.rightJoin(op.table());
                    case FULL -> tree.fullJoin(op.table());
                    default -> tree.join(op.table());
                };
                String using = gen.chance(0.2) ? usingColumn(treeColumns, op.columns()) : null;
                if (!gen.usingAllowed())
                    using = null;
                if (using != null) {
                    gen.shape(Shape.USING_JOIN);
                    tree = step.using(DSL.field(DSL.name(using)));
                } else {
                    tree = step.on(on(outer, depth, treeSources, treeColumns, op, kind == Join.FULL, small));
                }
                if (kind == Join.RIGHT || kind == Join.FULL)
                    treeColumns.replaceAll(Column::asNullable);
                rows = Math.max(rows, op.rows()) * 3;
            }
            List<Column> added = kind == Join.LEFT || kind == Join.FULL ? op.columns().stream().map(Column::asNullable).toList() : op.columns();
            treeColumns.addAll(added);
            treeSources.addAll(op.sources());
        }
        items.add(tree);
        done.addAll(treeColumns);
        sources.addAll(treeSources);
        gen.shape(switch (sources.size()) {
            case 1 -> Shape.ONE_TABLE;
            case 2 -> Shape.TWO_TABLES;
            case 3 -> Shape.THREE_TABLES;
            default -> Shape.FOUR_TABLES;
        });
        return new From(items, done, sources, where);
    }

    private Operand single(Source source) {
        long rows = source.base() != null ? source.base().rows() : 30;
        return new Operand(source.table(), source.columns(), List.of(source), rows);
    }

    // A right-hand side that is itself a join: t1 LEFT JOIN (t2 JOIN t3 ON ...) ON ...
    private Operand nested(Scope outer, int depth) {
        gen.shape(Shape.NESTED_JOIN);
        Operand left = single(gen.sources.source(depth));
        Operand right = single(gen.sources.source(depth));
        Condition on = on(outer, depth, left.sources(), left.columns(), right, false, false);
        boolean leftJoin = gen.chance(0.4);
        Table<?> table = leftJoin ? left.table().leftJoin(right.table()).on(on) : left.table().join(right.table()).on(on);
        List<Column> columns = new ArrayList<>(left.columns());
        columns.addAll(leftJoin ? right.columns().stream().map(Column::asNullable).toList() : right.columns());
        List<Source> sources = List.of(left.sources().get(0), right.sources().get(0));
        return new Operand(table, columns, sources, Math.max(left.rows(), right.rows()) * 3);
    }

    private Condition on(Scope outer, int depth, List<Source> treeSources, List<Column> treeColumns, Operand op,
                         boolean full, boolean small) {
        Condition on = small && !full && gen.chance(0.1) ? comparison(treeColumns, op) : equality(treeSources, treeColumns, op);
        if (on == null)
            on = DSL.trueCondition();
        if (full)
            return on;
        if (gen.chance(0.3))
            on = on.and(gen.conditions.literal(gen.pick(op.columns())));
        if (depth < Gen.MAX_DEPTH && gen.chance(0.08)) {
            List<Column> visible = new ArrayList<>(treeColumns);
            visible.addAll(op.columns());
            on = on.and(gen.conditions.subquery(new Scope(visible, outer), depth));
            gen.shape(Shape.SUBQUERY_IN_ON);
        }
        return on;
    }

    /**
     * Follows a foreign key between the two sides when there is one; else compares two columns of one
     * kind; null when the sides have no kind in common.
     */
    private Condition equality(List<Source> left, List<Column> leftColumns, Operand op) {
        List<Condition> keys = new ArrayList<>();
        for (Source a : left)
            for (Source b : op.sources())
                if (a.base() != null && b.base() != null)
                    for (ReferenceSchema.Edge edge : ReferenceSchema.edgesBetween(a.base(), b.base())) {
                        if (edge.child() == a.base() && edge.parent() == b.base())
                            keys.add(ConditionGenerator.eq(a.column(edge.childColumn()).field(), b.column(edge.parentColumn()).field()));
                        if (edge.parent() == a.base() && edge.child() == b.base())
                            keys.add(ConditionGenerator.eq(a.column(edge.parentColumn()).field(), b.column(edge.childColumn()).field()));
                    }
        if (!keys.isEmpty() && gen.chance(0.8))
            return gen.pick(keys);
        Column[] pair = samePair(leftColumns, op.columns());
        return pair == null ? keys.isEmpty() ? null : gen.pick(keys) : ConditionGenerator.eq(pair[0].field(), pair[1].field());
    }

    /**
     * A column name for {@code USING}: one that each side has exactly once (PostgreSQL refuses a name
     * that is ambiguous on either side), with the same kind of values on both; null when there is none.
     * Qualified references to either side's column stay valid after a USING join, so the generated
     * query needs nothing else.
     */
    private String usingColumn(List<Column> left, List<Column> right) {
        List<String> names = new ArrayList<>();
        for (Column a : left)
            for (Column b : right)
                if (a.field().getName().equals(b.field().getName()) && a.kind() == b.kind()
                    && once(left, a.field().getName()) && once(right, a.field().getName()))
                    names.add(a.field().getName());
        return names.isEmpty() ? null : gen.pick(names);
    }

    private static boolean once(List<Column> columns, String name) {
        return columns.stream().filter(c -> c.field().getName().equals(name)).count() == 1;
    }

    private Condition comparison(List<Column> left, Operand op) {
        Column[] pair = samePair(left, op.columns());
        if (pair == null)
            return DSL.trueCondition();
        return ConditionGenerator.compare(pair[0].field(), gen.pick(List.of("<", ">", "<>", "<=")), pair[1].field());
    }

    // Two columns of one kind, preferably of one domain, one from each side.
    private Column[] samePair(List<Column> left, List<Column> right) {
        List<Column[]> sameDomain = new ArrayList<>();
        List<Column[]> sameKind = new ArrayList<>();
        for (Column a : left)
            for (Column b : right)
                if (a.kind() == b.kind() && a.kind() != Kind.TIME && a.kind() != Kind.BOOL) {
                    sameKind.add(new Column[] { a, b });
                    if (a.domain() == b.domain())
                        sameDomain.add(new Column[] { a, b });
                }
        if (!sameDomain.isEmpty() && gen.chance(0.7))
            return gen.pick(sameDomain);
        return sameKind.isEmpty() ? null : gen.pick(sameKind);
    }

    private static boolean selfJoin(List<Source> done, List<Source> tree, Operand op) {
        for (Source s : op.sources())
            for (List<Source> list : List.of(done, tree))
                for (Source t : list)
                    if (s.base() != null && s.base() == t.base())
                        return true;
        return false;
    }

    private static Condition and(Condition a, Condition b) {
        return a == null ? b : a.and(b);
    }
}
