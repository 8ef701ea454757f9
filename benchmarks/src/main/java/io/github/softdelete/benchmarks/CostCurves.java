package io.github.softdelete.benchmarks;

import static io.github.softdelete.benchmarks.MarkdownTable.number;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.jooq.DSLContext;
import org.jooq.Query;
import org.jooq.SQLDialect;
import org.jooq.SelectJoinStep;
import org.jooq.Record1;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

import io.github.softdelete.SoftDelete;
import io.github.softdelete.it.db.SoftDeletes;
import io.github.softdelete.it.db.tables.Posts;
import io.github.softdelete.it.harness.PostgresServer;
import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Issue 16's figures that JMH does not take, one shot each, timed with {@link System#nanoTime()}:
 * B3 through a {@link LatencyProxy} (0.5 ms each way), a 100,000-row cascade over it with the client's
 * heap, and three cost curves, each written as a markdown table and a PNG plot (XChart):
 * render time against soft-deletable tables in a query, cascade delete and restore time against tree
 * size, and B4's read time against the share of deleted rows.
 *
 * <p>Run by {@code mvn -q -pl benchmarks -am package -DskipTests -Pcurves}; its settings come from
 * system properties ({@link Settings#fromSystemProperties()}). A command-line entry point, not thread-safe.
 */
public final class CostCurves {

    static final String COMMAND = "mvn -q -pl benchmarks -am package -DskipTests -Pcurves";
    static final String BEGIN = "<!-- BEGIN CURVES: written by the curves command; edits here are overwritten -->";
    static final String END = "<!-- END CURVES -->";
    static final long ONE_WAY_DELAY_NANOS = 500_000;

    static final String RENDER_PNG = "benchmarks-render-vs-tables.png";
    static final String CASCADE_PNG = "benchmarks-cascade-vs-tree-size.png";
    static final String READS_PNG = "benchmarks-reads-vs-deleted-share.png";

    /**
     * What to run.
     *
     * @param maxTables      the render curve goes from 1 to this many soft-deletable tables
     * @param renderMillis   time spent per render point and variant (half warm-up, half measured)
     * @param treeSizes      the cascade curve's approximate tree sizes, in rows
     * @param deletedPercent the read curve's shares of deleted posts, in percent (below 100)
     * @param livePosts      live posts in every read dataset
     * @param readMillis     time spent per read point and query (half warm-up, half measured)
     * @param networkRuns    measured deletes per approach through the proxy (row by row: a fifth, at least 1)
     * @param bigTree        descendant rows of the tree deleted through the proxy with the heap measured
     * @param outputDirectory where the PNG images go (next to docs/benchmark-figures.md)
     * @param benchmarksMd   the file whose curves section is replaced, or null to leave it alone
     */
    record Settings(int maxTables, int renderMillis, List<Integer> treeSizes, List<Integer> deletedPercent,
            int livePosts, int readMillis, int networkRuns, int bigTree, Path outputDirectory, Path benchmarksMd) {

        static Settings fromSystemProperties() {
            Path md = Path.of(System.getProperty("curves.benchmarksMd", "docs/benchmark-figures.md"));
            return new Settings(Integer.getInteger("curves.maxTables", 20), Integer.getInteger("curves.renderMillis", 1000),
                ints(System.getProperty("curves.trees", "1000,10000,100000,1000000")),
                ints(System.getProperty("curves.deleted", "0,50,90,99")), Integer.getInteger("curves.live", Dataset.LIVE_POSTS),
                Integer.getInteger("curves.readMillis", 2000), Integer.getInteger("curves.networkRuns", 10),
                Integer.getInteger("curves.bigTree", 100_000), md.toAbsolutePath().getParent(), md);
        }

        private static List<Integer> ints(String list) {
            return Arrays.stream(list.split(",")).map(String::trim).map(Integer::valueOf).toList();
        }
    }

    /** One measured point of a curve. */
    record Point(double x, double... y) {
    }

    private CostCurves() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("java.awt.headless", "true");
        Settings settings = Settings.fromSystemProperties();
        String markdown = run(settings, PostgresServers.shared());
        System.out.println(markdown);
        if (settings.benchmarksMd() != null)
            replaceSection(settings.benchmarksMd(), markdown);
    }

    /** Runs everything, writes the images into the output directory, and returns the markdown. */
    static String run(Settings settings, PostgresServer server) throws SQLException, IOException {
        Instant started = Instant.now();
        String loadBefore = Environment.loadAverage();
        Files.createDirectories(settings.outputDirectory());
        StringBuilder md = new StringBuilder();

        System.out.println("B3 through the latency proxy...");
        Map<NetworkTree, Map<CascadeApproach, double[]>> networks = networkCascade(server, settings);
        Map<CascadeApproach, double[]> network = networks.get(NetworkTree.B3);
        Map<CascadeApproach, double[]> account = networks.get(NetworkTree.ACCOUNT);
        System.out.println("A " + settings.bigTree() + "-row tree through the latency proxy...");
        BigTreeRun big = bigTreeOverNetwork(server, settings.bigTree());
        System.out.println("Render curve...");
        List<Point> render = renderCurve(settings);
        System.out.println("Cascade curve...");
        List<Point> cascade = cascadeCurve(server, settings);
        System.out.println("Read curve...");
        List<Point> reads = readCurve(server, settings);

        double perTable = median(network.get(CascadeApproach.HAND_ROLLED_PER_TABLE)) / median(network.get(CascadeApproach.LIBRARY));
        double perRow = median(network.get(CascadeApproach.HAND_ROLLED_PER_ROW)) / median(network.get(CascadeApproach.LIBRARY));
        double accountPerTable = median(account.get(CascadeApproach.HAND_ROLLED_PER_TABLE)) / median(account.get(CascadeApproach.LIBRARY));
        md.append("Taken ").append(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(started.atOffset(ZoneOffset.UTC)))
            .append(", in ").append(Duration.between(started, Instant.now()).toSeconds()).append(" s, by `").append(COMMAND)
            .append("`; load average (1, 5, 15 min) ").append(loadBefore).append(" at the start, ").append(Environment.loadAverage())
            .append(" at the end. One process, timed with `System.nanoTime()`: medians of a few runs, no confidence intervals.\n\n");

        MarkdownTable targets = new MarkdownTable("benchmark", "target", "measured", "verdict").text();
        targets.row("B3 over 0.5 ms each way, vs one UPDATE per table: one small account (64 rows)", "≥ 2× faster",
            MarkdownTable.ratio(accountPerTable) + " faster", accountPerTable >= 2 ? "met" : "**missed**");
        targets.row("B3 over 0.5 ms each way, vs one UPDATE per table: the B3 tree (2,101 rows)", "≥ 2× faster",
            MarkdownTable.ratio(perTable) + " faster", perTable >= 2 ? "met" : "**missed** (server time dominates: see below)");
        targets.row("B3 over 0.5 ms each way, vs row by row", "≥ 5× faster", MarkdownTable.ratio(perRow) + " faster",
            perRow >= 5 ? "met" : "**missed**");
        targets.row("B3 over 0.5 ms each way, a tree of " + number(big.rows, 0) + " descendant rows",
            "1 statement, bounded client memory", big.statements + " statement(s); heap peak +" + mib(big.peakHeapGrowth)
                + " during the delete", big.statements == 1 && big.peakHeapGrowth < 64L << 20 ? "met" : "**missed**");
        targets.row("render time vs soft-deletable tables (1 to " + settings.maxTables() + ")", "linear or better",
            growth(render, 2), verdict(render, 2));
        targets.row("cascade delete vs tree size", "linear or better", growth(cascade, 1), verdict(cascade, 1));
        targets.row("cascade restore vs tree size", "linear or better", growth(cascade, 2), verdict(cascade, 2));
        double worstRestore = cascade.stream().mapToDouble(p -> p.y()[1] / p.y()[0]).max().orElse(Double.NaN);
        targets.row("cascade restore vs delete of the same tree, every size (issue 16 item 1)", "≤ 2× the delete",
            "worst " + MarkdownTable.ratio(worstRestore), Double.isNaN(worstRestore) ? "not run" : worstRestore <= 2 ? "met" : "**missed**");
        targets.row("B4 read time vs share of deleted rows (" + settings.deletedPercent().get(0) + "% to "
            + settings.deletedPercent().get(settings.deletedPercent().size() - 1) + "%)", "linear or better in the table's rows",
            readGrowth(reads, settings.livePosts()), readVerdict(reads, settings.livePosts()));
        md.append("#### Targets (issue 16)\n\n").append(targets).append('\n');

        md.append("#### B3 through a proxy adding 0.5 ms each way\n\nDeleted through `LatencyProxy` (loopback, every chunk held 0.5 ms")
            .append(" in each direction: a 1 ms round trip), in the B3 database; the tree is restored between deletes, unmeasured, and")
            .append(" each delete is checked to have stamped exactly the tree. The library's time includes rendering its statement.")
            .append(" Each approach first deletes the tree 30 times, unmeasured, as B3 warms up (row by row on the B3 tree: 3 times),")
            .append(" so that it is measured with its statements prepared on the server, as on an application's pooled connection.\n\n");
        for (Map.Entry<NetworkTree, Map<CascadeApproach, double[]>> tree : networks.entrySet())
            md.append("Deleting ").append(tree.getKey().description()).append(":\n\n").append(networkTable(tree.getValue())).append('\n');
        md.append("A tree of ").append(number(big.rows, 0)).append(" descendant rows (one user, ").append(number(big.posts, 0))
            .append(" posts, 10 comments per post, 1 like per comment), deleted once through the proxy by the library: ")
            .append(number(big.millis, 0)).append(" ms, ").append(big.statements).append(" statement(s); heap in use after GC ")
            .append(mib(big.heapBefore)).append(" before and ").append(mib(big.heapAfter)).append(" after; the heap's peak rose by ")
            .append(mib(big.peakHeapGrowth)).append(" during the delete (the driver reads one update count, no rows).\n\n");

        md.append("#### Render time vs soft-deletable tables in a query\n\n`DSLContext.render` of `SELECT p1.id FROM posts p1 JOIN posts p2 ON p2.id = p1.id ... WHERE p1.id = 1`")
            .append(" with n aliases of `posts`, by plain jOOQ and with the listener, ns of this thread's CPU time per render")
            .append(" (median of 5 batches, after a warm-up over every size; CPU time, so other processes on the machine do not count).\n\n")
            .append(curveTable(render, "tables", new String[] { "plain jOOQ, ns", "soft delete, ns" }, true))
            .append("\n![render time vs soft-deletable tables](").append(RENDER_PNG).append(")\n\n");
        md.append("#### Cascade delete and restore time vs tree size\n\nOne user's tree (posts, 10 comments per post, 1 like per comment),")
            .append(" deleted by the library's `deleteFrom(USERS)` and brought back by `SoftDelete.restore`, over loopback, ms,")
            .append(" medians of 9 runs up to 10,000 rows, of 3 up to 100,000 and one run above, after " + CASCADE_WARM_UPS + " unmeasured deletes and restores of the first size, on the reference schema with exactly the indexes the schema lint recommends")
            .append(" (V5: `(fk, deleted_at)` per foreign key) and no others.\n\n")
            .append(curveTable(cascade, "rows", new String[] { "delete, ms", "restore, ms" }, true))
            .append("\n![cascade delete and restore time vs tree size](").append(CASCADE_PNG).append(")\n\n");
        md.append("#### B4 read time vs share of deleted rows\n\nThe same ").append(number(settings.livePosts(), 0))
            .append(" live posts among deleted ones (interleaved), through the listener, µs per query (median of 5 batches).\n\n")
            .append(curveTable(reads, "% deleted", new String[] { "PK lookup, µs", "page, µs", "count, µs", "a user's posts, µs" }, false))
            .append("\n![read time vs share of deleted rows](").append(READS_PNG).append(")\n");

        plot(settings.outputDirectory().resolve(RENDER_PNG), "Render time vs soft-deletable tables", "tables in the query", "ns per render",
            render, new String[] { "plain jOOQ", "soft delete" }, false);
        plot(settings.outputDirectory().resolve(CASCADE_PNG), "Cascade time vs tree size", "rows in the tree", "ms",
            cascade, new String[] { "delete", "restore" }, true);
        plot(settings.outputDirectory().resolve(READS_PNG), "Read time vs share of deleted rows", "% of posts deleted", "µs per query",
            reads, new String[] { "PK lookup", "page", "count", "a user's posts" }, false);
        return md.toString();
    }

    // --- B3 over the proxy ---

    /**
     * A tree that B3 deletes through the proxy: whose user, how many rows each table must have stamped
     * afterwards (so that no approach flatters itself by doing less), and a description for the report.
     */
    record NetworkTree(String description, long userId, Map<String, Integer> deletedRows) {

        /** B3's own tree: {@link CascadeTree#USER_ID} with 100 posts, 1,000 comments and 1,000 likes. */
        static final NetworkTree B3 = new NetworkTree("the B3 tree (2,101 rows)", CascadeTree.USER_ID, CascadeTree.DELETED_ROWS);

        /**
         * One small account, the everyday delete: a user with 3 posts, 10 comments on each (written by
         * user 2) and one like on each comment (by user 3). Seeded beside {@link Dataset#CASCADE}.
         */
        static final NetworkTree ACCOUNT = new NetworkTree("one small account (64 rows: 3 posts, 30 comments, 30 likes)", 1002,
            Map.of("users", 1, "posts", 3, "comments", 30, "likes", 30));

        static final List<String> ACCOUNT_ROWS = List.of(
            "INSERT INTO users (id, email, name) VALUES (1002, 'account-1002@example.com', 'Account 1002')",
            "INSERT INTO posts (id, author_id, category_id, title) SELECT 5000 + i, 1002, 1, 'Account post ' || i FROM generate_series(1, 3) i",
            "INSERT INTO comments (id, post_id, author_id, body)"
                + " SELECT 50000 + i, 5000 + (i - 1) / 10 + 1, 2, 'Account comment ' || i FROM generate_series(1, 30) i",
            "INSERT INTO likes (user_id, comment_id) SELECT 3, 50000 + i FROM generate_series(1, 30) i");

        /** Fails unless exactly this tree is deleted. */
        void checkDeleted(Connection connection, CascadeApproach approach) throws SQLException {
            Map<String, Integer> deleted = CascadeTree.deletedRows(connection);
            if (!deleted.equals(deletedRows)) // Map.equals ignores order
                throw new IllegalStateException(approach + " left " + deleted + " deleted rows, expected " + deletedRows + " for " + description);
        }
    }

    private static Map<NetworkTree, Map<CascadeApproach, double[]>> networkCascade(PostgresServer server, Settings settings)
            throws SQLException, IOException {
        Map<NetworkTree, Map<CascadeApproach, double[]>> millis = new LinkedHashMap<>();
        try (TestDatabase database = server.createMigratedDatabase("curves_network")) {
            try (Connection connection = database.dataSource().getConnection()) {
                Dataset.CASCADE.seed(connection);
                Dataset.seed(connection, NetworkTree.ACCOUNT_ROWS);
            }
            try (LatencyProxy proxy = new LatencyProxy(LatencyProxy.target(database.jdbcUrl()), ONE_WAY_DELAY_NANOS);
                    BenchmarkConnection connection = BenchmarkConnection.of(connect(database, proxy), null);
                    Connection direct = database.dataSource().getConnection()) {
                for (NetworkTree tree : List.of(NetworkTree.B3, NetworkTree.ACCOUNT))
                    millis.put(tree, networkCascade(tree, connection, direct, settings));
                CascadeTree.restore(direct);
            }
        }
        return millis;
    }

    /** Deletes {@code tree} through the proxy by each approach, restoring it unmeasured in between. */
    private static Map<CascadeApproach, double[]> networkCascade(NetworkTree tree, BenchmarkConnection connection, Connection direct,
            Settings settings) throws SQLException {
        Map<CascadeApproach, double[]> millis = new EnumMap<>(CascadeApproach.class);
        for (CascadeApproach approach : CascadeApproach.values()) {
            int runs = approach == CascadeApproach.HAND_ROLLED_PER_ROW && tree == NetworkTree.B3
                ? Math.max(1, settings.networkRuns() / 5) : settings.networkRuns();
            double[] times = new double[runs];
            for (int run = -warmUps(tree, approach); run < runs; run++) { // the first runs warm up
                CascadeTree.restore(direct);
                long start = System.nanoTime();
                approach.delete(connection, tree.userId());
                long took = System.nanoTime() - start;
                tree.checkDeleted(direct, approach);
                if (run >= 0)
                    times[run] = took / 1e6;
            }
            millis.put(approach, times);
        }
        return millis;
    }

    // As many warm-up deletes as B3's JMH run (30), so that each approach is measured in its steady state:
    // the JIT has compiled the client's path, and the server has prepared each statement (the driver
    // switches to a named server-side statement on its 5th execution) and, after five custom plans,
    // reuses a generic plan where that is no dearer, as an application's pooled connections do. Row by
    // row on the B3 tree takes seconds per delete and runs each of its statements hundreds of times per
    // delete, so 3 warm it up.
    static int warmUps(NetworkTree tree, CascadeApproach approach) {
        return approach == CascadeApproach.HAND_ROLLED_PER_ROW && tree == NetworkTree.B3 ? 3 : 30;
    }

    private static MarkdownTable networkTable(Map<CascadeApproach, double[]> network) {
        MarkdownTable net = new MarkdownTable("approach", "ms per delete, median", "min – max", "runs", "library is faster by");
        double library = median(network.get(CascadeApproach.LIBRARY));
        for (CascadeApproach approach : CascadeApproach.values()) {
            double[] ms = network.get(approach);
            net.row(Report.label(approach), number(median(ms), 1), number(min(ms), 1) + " – " + number(max(ms), 1), String.valueOf(ms.length),
                approach == CascadeApproach.LIBRARY ? "" : MarkdownTable.ratio(median(ms) / library));
        }
        return net;
    }

    private record BigTreeRun(long rows, long posts, double millis, int statements, long heapBefore, long heapAfter, long peakHeapGrowth) {
    }

    private static BigTreeRun bigTreeOverNetwork(PostgresServer server, int descendants) throws SQLException, IOException {
        try (TestDatabase database = server.createMigratedDatabase("curves_big_tree")) {
            long posts;
            try (Connection connection = database.dataSource().getConnection()) {
                posts = seedTree(connection, descendants);
            }
            RoundTrips trips = new RoundTrips();
            try (LatencyProxy proxy = new LatencyProxy(LatencyProxy.target(database.jdbcUrl()), ONE_WAY_DELAY_NANOS);
                    BenchmarkConnection connection = BenchmarkConnection.of(connect(database, proxy), trips)) {
                long before = heapAfterGc();
                resetPeaks();
                trips.reset();
                long start = System.nanoTime();
                connection.softDeleting().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
                double millis = (System.nanoTime() - start) / 1e6;
                int statements = trips.count();
                long peak = peakHeap();
                long after = heapAfterGc();
                long deleted = deletedRows(connection.jdbc());
                if (deleted != 1 + 21 * posts)
                    throw new IllegalStateException("the big tree's delete stamped " + deleted + " rows, expected " + (1 + 21 * posts));
                return new BigTreeRun(21 * posts, posts, millis, statements, before, after, Math.max(0, peak - before));
            }
        }
    }

    // --- the curves ---

    /** x: soft-deletable tables; y: plain ns, soft-delete ns. */
    static List<Point> renderCurve(Settings settings) {
        DSLContext plain = DSL.using(SQLDialect.POSTGRES);
        DSLContext softDeleting = DSL.using(SoftDelete.install(new DefaultConfiguration().set(SQLDialect.POSTGRES), SoftDeletes.POLICY));
        List<Point> points = new ArrayList<>();
        // One warm-up over every size first, so that the JIT has seen all of them before any is measured.
        long warmEnd = System.nanoTime() + settings.renderMillis() * 2_000_000L;
        for (int n = 1; System.nanoTime() < warmEnd; n = n % settings.maxTables() + 1) {
            Query query = joinOfPosts(n);
            plain.render(query);
            softDeleting.render(query);
        }
        for (int n = 1; n <= settings.maxTables(); n++) {
            Query query = joinOfPosts(n);
            // Rendering only uses the CPU: this thread's CPU time leaves out what other processes take.
            double plainNs = cpuNanosPerCall(() -> plain.render(query), settings.renderMillis());
            double softNs = cpuNanosPerCall(() -> softDeleting.render(query), settings.renderMillis());
            points.add(new Point(n, plainNs, softNs));
        }
        return points;
    }

    static Query joinOfPosts(int tables) {
        Posts first = POSTS.as("p1");
        SelectJoinStep<Record1<Long>> select = DSL.select(first.ID).from(first);
        Posts previous = first;
        for (int i = 2; i <= tables; i++) {
            Posts next = POSTS.as("p" + i);
            select = select.join(next).on(next.ID.eq(previous.ID));
            previous = next;
        }
        return select.where(first.ID.eq(1L));
    }

    /**
     * x: rows in the tree; y: delete ms, restore ms, the medians of 9 runs up to 10,000 rows, of 3 up to
     * 100,000 and of one above (the tree is vacuumed between runs). The first size is deleted and restored
     * {@value #CASCADE_WARM_UPS} times first, unmeasured, as B3 warms up: so that the JIT has compiled
     * both paths, and the driver has prepared both statements on the server, before anything is timed.
     */
    static final int CASCADE_WARM_UPS = 20;

    static List<Point> cascadeCurve(PostgresServer server, Settings settings) throws SQLException {
        List<Point> points = new ArrayList<>();
        try (TestDatabase database = server.createMigratedDatabase("curves_cascade");
                BenchmarkConnection connection = BenchmarkConnection.open(database, null)) {
            for (int size : settings.treeSizes()) {
                long posts = seedTree(connection.jdbc(), size);
                int runs = size <= 10_000 ? 9 : size <= 100_000 ? 3 : 1;
                double[] deletes = new double[runs];
                double[] restores = new double[runs];
                for (int run = points.isEmpty() ? -CASCADE_WARM_UPS : 0; run < runs; run++) {
                    double[] took = deleteAndRestore(connection, posts);
                    if (run >= 0) {
                        deletes[run] = took[0];
                        restores[run] = took[1];
                    }
                }
                points.add(new Point(1 + 21 * posts, median(deletes), median(restores)));
                System.out.println("  " + (1 + 21 * posts) + " rows: delete " + Math.round(median(deletes)) + " ms, restore "
                    + Math.round(median(restores)) + " ms");
            }
        }
        return points;
    }

    // One delete of user 1's tree and its restore, each checked and timed (ms); then a VACUUM, unmeasured.
    private static double[] deleteAndRestore(BenchmarkConnection connection, long posts) throws SQLException {
        long start = System.nanoTime();
        connection.softDeleting().deleteFrom(USERS).where(USERS.ID.eq(1L)).execute();
        double delete = (System.nanoTime() - start) / 1e6;
        if (deletedRows(connection.jdbc()) != 1 + 21 * posts)
            throw new IllegalStateException("the delete of a " + (1 + 21 * posts) + "-row tree stamped the wrong rows");
        start = System.nanoTime();
        SoftDelete.restore(connection.softDeleting(), USERS, USERS.ID.eq(1L));
        double restore = (System.nanoTime() - start) / 1e6;
        if (deletedRows(connection.jdbc()) != 0)
            throw new IllegalStateException("the restore of a " + (1 + 21 * posts) + "-row tree left deleted rows");
        try (Statement statement = connection.jdbc().createStatement()) {
            statement.execute("VACUUM ANALYZE users, posts, comments, likes");
        }
        return new double[] { delete, restore };
    }

    /** x: % deleted; y: µs of PK lookup, page, count, a user's posts. */
    static List<Point> readCurve(PostgresServer server, Settings settings) throws SQLException {
        List<Point> points = new ArrayList<>();
        for (int percent : settings.deletedPercent()) {
            int stride = (int) Math.round(100.0 / (100 - percent));
            try (TestDatabase database = server.createMigratedDatabase("curves_reads_" + percent);
                    BenchmarkConnection connection = BenchmarkConnection.open(database, null)) {
                Dataset.seed(connection.jdbc(), Dataset.tombstones(settings.livePosts(), stride));
                ReadQueries queries = new ReadQueries(connection, Filtering.LISTENER);
                List<Long> ids = queries.livePostIds();
                if (ids.size() != settings.livePosts())
                    throw new IllegalStateException(ids.size() + " live posts at " + percent + "% deleted");
                int pages = Math.max(1, Math.min(20, settings.livePosts() / ReadQueries.PAGE_SIZE));
                int[] k = { 0 };
                double pk = nanosPerCall(() -> queries.postById(ids.get(k[0]++ % ids.size())), settings.readMillis()) / 1e3;
                double page = nanosPerCall(() -> queries.page(k[0]++ % pages), settings.readMillis()) / 1e3;
                double count = nanosPerCall(queries::count, settings.readMillis()) / 1e3;
                double postsOf = nanosPerCall(() -> queries.postsOf(k[0]++ % 1000 + 1), settings.readMillis()) / 1e3;
                points.add(new Point(percent, pk, page, count, postsOf));
                System.out.println("  " + percent + "% deleted done");
            }
        }
        return points;
    }

    // --- helpers ---

    /**
     * Seeds one user (id 1) with {@code posts = ceil(rows / 21)} posts, 10 comments per post and one like
     * per comment, by user 2, who stays; returns the posts. The tables are emptied first and vacuumed after.
     */
    static long seedTree(Connection connection, int rows) throws SQLException {
        long posts = Math.max(1, (rows + 20) / 21);
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE post_tags, tags, likes, comments, posts, categories, users RESTART IDENTITY CASCADE");
            statement.execute("INSERT INTO users (id, email, name) VALUES (1, 'one@example.com', 'one'), (2, 'two@example.com', 'two')");
            statement.execute("INSERT INTO posts (id, author_id, title) SELECT p, 1, 'post ' || p FROM generate_series(1, " + posts + ") p");
            statement.execute("INSERT INTO comments (id, post_id, author_id, body) SELECT c, (c - 1) / 10 + 1, 2, 'comment ' || c"
                + " FROM generate_series(1, " + posts * 10 + ") c");
            statement.execute("INSERT INTO likes (user_id, comment_id) SELECT 2, c FROM generate_series(1, " + posts * 10 + ") c");
            statement.execute("VACUUM ANALYZE users, posts, comments, likes");
        }
        return posts;
    }

    private static long deletedRows(Connection connection) throws SQLException {
        long total = 0;
        try (Statement statement = connection.createStatement()) {
            for (String table : List.of("users", "posts", "comments", "likes"))
                try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table + " WHERE deleted_at IS NOT NULL")) {
                    rows.next();
                    total += rows.getLong(1);
                }
        }
        return total;
    }

    private static Connection connect(TestDatabase database, LatencyProxy proxy) throws SQLException {
        Properties properties = new Properties();
        if (database.user() != null)
            properties.setProperty("user", database.user());
        String password = System.getenv("SOFTDELETE_JDBC_PASSWORD");
        if (password != null)
            properties.setProperty("password", password);
        return DriverManager.getConnection(proxy.rewrite(database.jdbcUrl()), properties);
    }

    /** Half the budget warms up; the other half is 5 batches; returns the median batch's ns per call. */
    private static double nanosPerCall(Supplier<?> call, int budgetMillis) {
        return perCall(call, budgetMillis, System::nanoTime);
    }

    /** Like {@link #nanosPerCall}, in this thread's CPU time (wall time if the JVM cannot measure it). */
    private static double cpuNanosPerCall(Supplier<?> call, int budgetMillis) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        return threads.isCurrentThreadCpuTimeSupported() ? perCall(call, budgetMillis, threads::getCurrentThreadCpuTime)
            : nanosPerCall(call, budgetMillis);
    }

    // The warm-up is always bounded in wall time; the batches are timed on the given clock.
    private static double perCall(Supplier<?> call, int budgetMillis, LongSupplier clock) {
        long warmEnd = System.nanoTime() + budgetMillis * 500_000L;
        int calls = 0;
        while (System.nanoTime() < warmEnd || calls < 1) {
            call.get();
            calls++;
        }
        int perBatch = Math.max(1, calls / 5);
        double[] batches = new double[5];
        for (int b = 0; b < batches.length; b++) {
            long start = clock.getAsLong();
            for (int i = 0; i < perBatch; i++)
                call.get();
            batches[b] = (clock.getAsLong() - start) / (double) perBatch;
        }
        return median(batches);
    }

    private static long heapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP)
                pool.resetPeakUsage();
    }

    private static long peakHeap() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans())
            if (pool.getType() == MemoryType.HEAP)
                peak += pool.getPeakUsage().getUsed();
        return peak;
    }

    /**
     * The growth exponent of column {@code y} (1-based) between the first and last points, on log-log
     * axes: time ~ x^k. For x of 0 (a share of 0%) it cannot be computed.
     */
    static double exponent(List<Point> points, int y) {
        if (points.size() < 2)
            return Double.NaN;
        Point first = points.get(0);
        Point last = points.get(points.size() - 1);
        return Math.log(last.y()[y - 1] / first.y()[y - 1]) / Math.log(last.x() / first.x());
    }

    /** The largest growth exponent between two neighbouring points. */
    static double worstLocalExponent(List<Point> points, int y) {
        double worst = Double.NaN;
        for (int i = 1; i < points.size(); i++) {
            double k = exponent(points.subList(i - 1, i + 1), y);
            if (Double.isNaN(worst) || k > worst)
                worst = k;
        }
        return worst;
    }

    private static final String[] READ_NAMES = { "PK lookup", "page", "count", "a user's posts" };

    /** The read curve with x turned from % deleted into the table's rows: live / (1 - share). */
    private static List<Point> byTableRows(List<Point> reads, int live) {
        return reads.stream().map(p -> new Point(live * 100.0 / (100 - p.x()), p.y())).toList();
    }

    private static String readGrowth(List<Point> reads, int live) {
        List<Point> rows = byTableRows(reads, live);
        if (rows.size() < 2)
            return "too few points";
        int worst = 1;
        for (int y = 2; y <= READ_NAMES.length; y++)
            if (exponent(rows, y) > exponent(rows, worst))
                worst = y;
        return "worst: " + READ_NAMES[worst - 1] + ", time ∝ rows^" + String.format(Locale.ROOT, "%.2f", exponent(rows, worst))
            + " from " + number(rows.get(0).x(), 0) + " to " + number(rows.get(rows.size() - 1).x(), 0) + " rows";
    }

    private static String readVerdict(List<Point> reads, int live) {
        List<Point> rows = byTableRows(reads, live);
        double worst = Double.NaN;
        for (int y = 1; y <= READ_NAMES.length; y++)
            if (Double.isNaN(worst) || exponent(rows, y) > worst)
                worst = exponent(rows, y);
        return Double.isNaN(worst) ? "not run" : worst <= 1.15 ? "met" : "**missed**";
    }

    private static String growth(List<Point> points, int y) {
        if (points.size() < 2)
            return "too few points";
        Point last = points.get(points.size() - 1);
        return "time ∝ n^" + String.format(Locale.ROOT, "%.2f", exponent(points, y)) + " from " + number(points.get(0).x(), 0)
            + " to " + number(last.x(), 0) + " (steepest step n^" + String.format(Locale.ROOT, "%.2f", worstLocalExponent(points, y)) + ")";
    }

    private static String verdict(List<Point> points, int y) {
        double k = exponent(points, y);
        return Double.isNaN(k) ? "not run" : k <= 1.15 ? "met" : "**missed**";
    }

    private static String curveTable(List<Point> points, String x, String[] ys, boolean ratio) {
        List<String> headers = new ArrayList<>(List.of(x));
        headers.addAll(List.of(ys));
        if (ratio)
            headers.add(ys[1].replaceAll(",.*", "") + " / " + ys[0].replaceAll(",.*", ""));
        else
            headers.add("geometric mean vs " + number(points.isEmpty() ? 0 : points.get(0).x(), 0) + "%");
        MarkdownTable table = new MarkdownTable(headers.toArray(String[]::new));
        for (Point point : points) {
            List<String> cells = new ArrayList<>();
            cells.add(number(point.x(), 0));
            for (double y : point.y())
                cells.add(number(y, y < 100 ? 1 : 0));
            if (ratio)
                cells.add(MarkdownTable.ratio(point.y()[1] / point.y()[0]));
            else {
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < point.y().length; i++)
                    ratios.add(point.y()[i] / points.get(0).y()[i]);
                cells.add(MarkdownTable.ratio(Report.geometricMean(ratios)));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table.toString();
    }

    static void plot(Path file, String title, String xTitle, String yTitle, List<Point> points, String[] series, boolean logAxes)
            throws IOException {
        XYChart chart = new XYChartBuilder().width(800).height(500).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        chart.getStyler().setXAxisLogarithmic(logAxes).setYAxisLogarithmic(logAxes);
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNW);
        double[] x = points.stream().mapToDouble(Point::x).toArray();
        for (int s = 0; s < series.length; s++) {
            int column = s;
            IntFunction<Double> y = i -> points.get(i).y()[column];
            double[] ys = new double[points.size()];
            for (int i = 0; i < ys.length; i++)
                ys[i] = y.apply(i);
            chart.addSeries(series[s], x.length == 0 ? new double[] { 0 } : x, ys.length == 0 ? new double[] { 0 } : ys);
        }
        try (OutputStream out = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG);
        }
    }

    /** Replaces the text between {@link #BEGIN} and {@link #END} in {@code benchmarksMd}, or appends the section. */
    static void replaceSection(Path benchmarksMd, String markdown) throws IOException {
        String text = Files.exists(benchmarksMd) ? Files.readString(benchmarksMd, StandardCharsets.UTF_8) : "";
        int begin = text.indexOf(BEGIN);
        int end = text.indexOf(END);
        String section = BEGIN + "\n\n" + markdown.strip() + "\n\n" + END;
        String updated = begin < 0 || end < begin ? text.stripTrailing() + "\n\n" + section + "\n"
            : text.substring(0, begin) + section + text.substring(end + END.length());
        Files.writeString(benchmarksMd, updated, StandardCharsets.UTF_8);
        System.out.println("Updated the curves in " + benchmarksMd);
    }

    private static String mib(long bytes) {
        return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.0f KiB", bytes / 1024.0)
            : String.format(Locale.ROOT, "%.1f MiB", bytes / 1024.0 / 1024.0);
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double max(double[] values) {
        return Arrays.stream(values).max().orElse(Double.NaN);
    }
}
