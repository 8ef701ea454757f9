package io.github.softdelete.benchmarks;

import static io.github.softdelete.benchmarks.MarkdownTable.bold;
import static io.github.softdelete.benchmarks.MarkdownTable.ratio;
import static io.github.softdelete.benchmarks.MarkdownTable.score;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.softdelete.benchmarks.Figures.Ratio;
import io.github.softdelete.benchmarks.Figures.Score;

/**
 * The figures of one run as markdown: a table per benchmark with the ratios the targets are about, and
 * a table of the targets, each met or missed.
 *
 * <p>Immutable; thread-safe.
 */
final class Report {

    /** The reads of B2 and B4: benchmark method and label. */
    private static final Map<String, String> READS = orderedMap(
        "pkLookup", "PK lookup",
        "page", "page of 50 posts joined with their authors",
        "count", "count of live posts",
        "postsOfAuthor", "a user's posts (partial index on author_id)");

    private final Figures figures;
    private final Map<CascadeApproach, Integer> roundTrips;
    private final Targets targets;

    /**
     * @param figures    the run's scores
     * @param roundTrips B3's round trips per approach, counted outside JMH; empty if B3 did not run
     */
    Report(Figures figures, Map<CascadeApproach, Integer> roundTrips) {
        this.figures = figures;
        this.roundTrips = roundTrips;
        this.targets = new Targets(figures, roundTrips);
    }

    Targets targets() {
        return targets;
    }

    /** The tables of the benchmarks that ran, without the header that says when and where they were taken. */
    String tables() {
        StringBuilder out = new StringBuilder("### Targets\n\n").append(targets.table());
        if (figures.ran(RenderBenchmark.class))
            out.append('\n').append(render());
        if (figures.ran(ReadBenchmark.class))
            out.append('\n').append(reads());
        if (figures.ran(CascadeBenchmark.class))
            out.append('\n').append(cascade());
        if (figures.ran(TombstoneBenchmark.class))
            out.append('\n').append(tombstones());
        if (figures.ran(SqlTextBenchmark.class))
            out.append('\n').append(sqlText());
        return out.toString();
    }

    private String render() {
        MarkdownTable table = new MarkdownTable("shape", "plain jOOQ, ns", "no-op listener, ns", "soft delete, ns",
            "no-op / plain", "soft delete / plain", "soft delete / no-op");
        for (QueryShape shape : QueryShape.values())
            table.row(renderRow(shape.name(), shape));
        table.row(bold("geometric mean, " + QueryShape.dslShapes().size() + " DSL shapes"), "", "", "",
            bold(ratio(targets.renderMean("noopListener"))), bold(ratio(targets.renderMean("softDelete"))),
            bold(ratio(targets.renderMean("softDelete") / targets.renderMean("noopListener"))));
        return "### B1: rendering, ns per query\n\n"
            + "`DSLContext.render(query)` on the same query object, by plain jOOQ, with a listener that does nothing,"
            + " and with the soft-delete listener. JMH average time; ± is half the 99.9% confidence interval.\n\n"
            + table;
    }

    private String[] renderRow(String label, QueryShape shape) {
        Score plain = figures.get(RenderBenchmark.class, "plain", shape);
        Score noop = figures.get(RenderBenchmark.class, "noopListener", shape);
        Score softDelete = figures.get(RenderBenchmark.class, "softDelete", shape);
        return new String[] { label, score(plain, 0), score(noop, 0), score(softDelete, 0),
            ratio(over(noop, plain), false), ratio(over(softDelete, plain), true), ratio(over(softDelete, noop), false) };
    }

    private String reads() {
        MarkdownTable table = new MarkdownTable("query", "hand-written, µs", "listener, µs", "listener / hand-written");
        for (String method : List.of("pkLookup", "page", "count")) {
            Score byHand = figures.get(ReadBenchmark.class, method, Filtering.HAND_WRITTEN);
            Score listener = figures.get(ReadBenchmark.class, method, Filtering.LISTENER);
            table.row(READS.get(method), score(byHand, 1), score(listener, 1), ratio(readRatio(figures, method), true));
        }
        table.row(bold("geometric mean"), "", "", bold(ratio(targets.readsMean())));
        return "### B2: reads end to end on PostgreSQL, µs per query\n\n"
            + "One connection over loopback; rendering, the round trip, the server's work and fetching into records."
            + " 1,000 users (5% deleted), 10,000 posts (10% deleted). Both variants in one fork, alternating by iteration;"
            + " the ratio is the geometric mean of the ratios of neighbouring iterations.\n\n" + table;
    }

    private String cascade() {
        MarkdownTable table = new MarkdownTable("approach", "ms per delete", "round trips", "library is faster by");
        Score library = figures.get(CascadeBenchmark.class, "delete", CascadeApproach.LIBRARY);
        for (CascadeApproach approach : CascadeApproach.values()) {
            Score score = figures.get(CascadeBenchmark.class, "delete", approach);
            Integer trips = roundTrips.get(approach);
            table.row(label(approach), score(score, 1), trips == null ? "-" : MarkdownTable.number(trips, 0),
                approach == CascadeApproach.LIBRARY ? "" : ratio(over(score, library), true));
        }
        return "### B3: cascade delete of a user with 100 posts, 1,000 comments and 1,000 likes, ms\n\n"
            + "Wall time of one delete (JMH single shot; the tree is restored and vacuumed between deletes, unmeasured)."
            + " Round trips: statements jOOQ executed plus commits, counted by a jOOQ `ExecuteListener` and"
            + " `TransactionListener` in one delete per approach before the timed run.\n\n" + table;
    }

    private String tombstones() {
        MarkdownTable table = new MarkdownTable("query", "0% deleted, µs", "90% deleted, µs", "90% / 0%",
            "90% + posts_id_live_idx, µs", "90% + index / 0%");
        for (String method : READS.keySet()) {
            Score none = figures.get(TombstoneBenchmark.class, method, Dataset.TOMBSTONES_0);
            Score most = figures.get(TombstoneBenchmark.class, method, Dataset.TOMBSTONES_90);
            Score indexed = figures.get(TombstoneBenchmark.class, method, Dataset.TOMBSTONES_90_INDEXED);
            table.row(READS.get(method), score(none, 1), score(most, 1), ratio(over(most, none), true),
                score(indexed, 1), ratio(over(indexed, none), true));
        }
        table.row(bold("geometric mean"), "", "", bold(ratio(targets.tombstonesMean(Dataset.TOMBSTONES_90))), "",
            bold(ratio(targets.tombstonesMean(Dataset.TOMBSTONES_90_INDEXED))));
        return "### B4: live rows among deleted ones, µs per query (through the listener)\n\n"
            + "The same 10,000 live posts, alone or among 90,000 deleted ones (interleaved: every tenth post is live),"
            + " under the reference schema's indexes; the last two columns add `posts (id) WHERE deleted_at IS NULL`.\n\n"
            + table;
    }

    private String sqlText() {
        MarkdownTable table = new MarkdownTable("query", "plain, same SQL, µs", "parsed, same SQL (cached), µs",
            "cached / plain", "plain, new SQL, µs", "parsed, new SQL (uncached), µs", "uncached / plain");
        for (String method : List.of("pkLookup", "page")) {
            Score plain = figures.get(SqlTextBenchmark.class, method, SqlPath.PLAIN_REPEATED);
            Score cached = figures.get(SqlTextBenchmark.class, method, SqlPath.PARSED_REPEATED);
            Score plainDistinct = figures.get(SqlTextBenchmark.class, method, SqlPath.PLAIN_DISTINCT);
            Score uncached = figures.get(SqlTextBenchmark.class, method, SqlPath.PARSED_DISTINCT);
            table.row(READS.get(method), score(plain, 1), score(cached, 1), ratio(over(cached, plain), true),
                score(plainDistinct, 1), score(uncached, 1), ratio(over(uncached, plainDistinct), true));
        }
        return "### B5: SQL text from JDBC code through `SoftDelete.dataSource`, µs per statement\n\n"
            + "Prepare, bind, execute and read with plain JDBC, on the physical connection with `deleted_at IS NULL` by hand"
            + " (plain) or on a connection of `SoftDelete.dataSource(...)` without it (parsed). Same SQL: one string every"
            + " call, so the parsing path's caches answer; new SQL: a literal changes every call, so every call is parsed"
            + " and rendered. On the B2 dataset.\n\n" + table;
    }

    static String label(CascadeApproach approach) {
        return switch (approach) {
            case LIBRARY -> "library: `deleteFrom(USERS)`, one statement";
            case LIBRARY_WITH_A_LISTENER -> "library, with a listener that counts the rows of every table (issue 26)";
            case LIBRARY_IN_A_SAVEPOINT -> "library, in a transaction, the delete in a savepoint (to catch a refusal and go on)";
            case HAND_ROLLED_PER_ROW -> "hand-rolled, row by row, in a transaction";
            case HAND_ROLLED_PER_TABLE -> "hand-rolled, one UPDATE per table, in a transaction";
        };
    }

    /**
     * B2's listener / hand-written for {@code method}: the ratio paired iteration by iteration in one fork (issue 24),
     * or else the ratio of the two scores.
     */
    static Ratio readRatio(Figures figures, String method) {
        Ratio paired = figures.pairedRatio(ReadBenchmark.class, method);
        return paired != null ? paired : over(figures.get(ReadBenchmark.class, method, Filtering.LISTENER),
            figures.get(ReadBenchmark.class, method, Filtering.HAND_WRITTEN));
    }

    static Ratio over(Score score, Score base) {
        return score == null || base == null ? null : score.over(base);
    }

    static double geometricMean(List<Double> values) {
        if (values.isEmpty())
            return Double.NaN;
        double logs = 0;
        for (double value : values)
            logs += Math.log(value);
        return Math.exp(logs / values.size());
    }

    static List<String> readMethods() {
        return new ArrayList<>(READS.keySet());
    }

    private static Map<String, String> orderedMap(String... entries) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < entries.length; i += 2)
            map.put(entries[i], entries[i + 1]);
        return Collections.unmodifiableMap(map);
    }
}
