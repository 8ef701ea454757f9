package io.github.softdelete.it.fuzz;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The state of generating one query or statement: its random source, the shapes it has so far, the
 * aliases it handed out and the CTEs it may refer to. One instance per generated case, so a case is
 * reproducible from its seed alone. Not thread-safe.
 */
final class Gen {

    /** Subqueries nest at most this deep; the statement itself is depth 0. */
    static final int MAX_DEPTH = 3;

    final SplittableRandom random;
    /**
     * The database the case is for. On MariaDB, jOOQ renders an IN subquery with LIMIT as
     * {@code IN (SELECT * FROM (...) t)}, and MariaDB 10.11.19 crashes (a segmentation fault in
     * {@code find_field_in_tables}) preparing a derived table that joins with USING or NATURAL and names a column
     * of an enclosing query qualified by its database ({@code db.comments.body}, as an unaliased table's columns
     * render), where it otherwise reports error 1054. jOOQ wraps a subquery of an UPDATE or DELETE that reads the
     * statement's table the same way (against error 1093). So on MariaDB no USING join is made inside IN subqueries,
     * nor anywhere in a statement.
     */
    final Engine engine;
    final EnumSet<Shape> shapes = EnumSet.noneOf(Shape.class);
    final List<Cte> ctes = new ArrayList<>();
    final Set<String> unaliasedTables = new HashSet<>();
    final Sources sources = new Sources(this);
    final FromGenerator from = new FromGenerator(this);
    final SelectGenerator selects = new SelectGenerator(this);
    final ConditionGenerator conditions = new ConditionGenerator(this);
    /** How many IN subqueries enclose the query being built. */
    int inSubqueries;
    /** Whether the case is an UPDATE or DELETE. */
    boolean statement;
    /** Set while the main query of a WITH is built: its first FROM entry must read a CTE. */
    boolean useCteFirst;
    /** The read mode of the query being generated ({@link Mode#LIVE} for statements). */
    Mode mode = Mode.LIVE;
    private int aliases;

    /** A CTE the query defines: its name and its output columns (c0, c1, ...). */
    record Cte(String name, List<Column> outputs) {
    }

    Gen(long seed, Engine engine) {
        this.random = new SplittableRandom(seed);
        this.engine = engine;
    }

    /** Whether a join may use USING here (see {@link #engine}). */
    boolean usingAllowed() {
        return engine != Engine.MARIADB || inSubqueries == 0 && !statement;
    }

    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A number from {@code low} to {@code high}, both included. */
    int between(int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** An index chosen with the given weights. */
    int weighted(int... weights) {
        int total = 0;
        for (int w : weights)
            total += w;
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0)
                return i;
        }
        throw new AssertionError();
    }

    String alias() {
        return "t" + aliases++;
    }

    String cteName() {
        return "cte" + aliases++;
    }

    void shape(Shape shape) {
        shapes.add(shape);
    }
}
