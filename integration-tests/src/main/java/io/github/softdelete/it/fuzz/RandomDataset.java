package io.github.softdelete.it.fuzz;

import static io.github.softdelete.it.db.Tables.CATEGORIES;
import static io.github.softdelete.it.db.Tables.COMMENTS;
import static io.github.softdelete.it.db.Tables.LIKES;
import static io.github.softdelete.it.db.Tables.POSTS;
import static io.github.softdelete.it.db.Tables.POST_TAGS;
import static io.github.softdelete.it.db.Tables.TAGS;
import static io.github.softdelete.it.db.Tables.USERS;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStepN;
import org.jooq.Record;
import org.jooq.Table;

/**
 * A seeded random dataset for the reference schema, with live and deleted rows at every level: every
 * soft-deletable table's first row is live and its second deleted, and the rest are deleted at random.
 * Parents are chosen without regard to whether they are deleted, so the data has every inconsistent
 * corner that real data can have (live posts of deleted users, live replies to deleted comments, live
 * likes on deleted comments), and every join has something to leak.
 *
 * <p>Small on purpose: four-table joins of it stay fast. Immutable and thread-safe.
 */
public final class RandomDataset {

    static final int USER_COUNT = 12;
    static final int CATEGORY_COUNT = 5;
    static final int POST_COUNT = 30;
    static final int COMMENT_COUNT = 50;
    static final int TAG_COUNT = 6;
    static final int LIKE_COUNT = 60;
    static final int POST_TAG_COUNT = 40;
    static final List<String> USER_NAMES = List.of("ann", "bob", "cid", "dee", "eve");
    static final List<String> TITLES = texts("title", 8);
    static final List<String> CONTENTS = texts("text", 5);
    static final List<String> BODIES = texts("body", 8);
    static final OffsetDateTime DELETED_FROM = OffsetDateTime.of(2026, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
    static final int DELETED_SPREAD_MINUTES = 600;

    private static final double DELETED_SHARE = 0.3;

    private final long seed;
    private final Map<Table<?>, List<Object[]>> rows;

    private RandomDataset(long seed, Map<Table<?>, List<Object[]>> rows) {
        this.seed = seed;
        this.rows = rows;
    }

    /** The dataset for {@code seed}: the same seed gives the same rows. */
    public static RandomDataset generate(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<Table<?>, List<Object[]>> rows = new LinkedHashMap<>();
        rows.put(USERS, generate(USER_COUNT, i -> new Object[] { (long) i, "u" + i + "@x.org",
            pick(random, USER_NAMES), deletedAt(random, i) }));
        rows.put(CATEGORIES, generate(CATEGORY_COUNT, i -> new Object[] { (long) i, "cat" + i, deletedAt(random, i) }));
        rows.put(POSTS, generate(POST_COUNT, i -> new Object[] { (long) i, id(random, USER_COUNT),
            random.nextInt(5) == 0 ? null : id(random, CATEGORY_COUNT), random.nextInt(5) < 2 ? null : id(random, USER_COUNT),
            pick(random, TITLES), random.nextInt(10) < 3 ? null : pick(random, CONTENTS), deletedAt(random, i) }));
        rows.put(COMMENTS, generate(COMMENT_COUNT, i -> new Object[] { (long) i, id(random, POST_COUNT), id(random, USER_COUNT),
            i == 1 || random.nextBoolean() ? null : id(random, i - 1), pick(random, BODIES), deletedAt(random, i) }));
        rows.put(LIKES, pairs(random, LIKE_COUNT, USER_COUNT, COMMENT_COUNT, true));
        rows.put(TAGS, generate(TAG_COUNT, i -> new Object[] { (long) i, "tag" + i }));
        rows.put(POST_TAGS, pairs(random, POST_TAG_COUNT, POST_COUNT, TAG_COUNT, false));
        return new RandomDataset(seed, rows);
    }

    /** The seed this dataset was generated from. */
    public long seed() {
        return seed;
    }

    /** Inserts every row, live and deleted, through a context without the listener. */
    public void insert(DSLContext plain) {
        rows.forEach((table, list) -> insert(plain, table, list));
    }

    /** Live and deleted row counts per table, e.g. {@code users 8+4}. */
    @Override
    public String toString() {
        List<String> counts = new ArrayList<>();
        rows.forEach((table, list) -> {
            int marker = table.fields().length - 1;
            boolean softDeletable = table.field("deleted_at") != null;
            long deleted = softDeletable ? list.stream().filter(row -> row[marker] != null).count() : 0;
            counts.add(table.getName() + " " + (list.size() - deleted) + (softDeletable ? "+" + deleted : ""));
        });
        return "dataset " + seed + " (live+deleted: " + String.join(", ", counts) + ")";
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static void insert(DSLContext plain, Table<?> table, List<Object[]> list) {
        List<Field<?>> fields = List.of(table.fields());
        InsertValuesStepN<Record> insert = plain.insertInto((Table<Record>) (Table) table, fields);
        for (Object[] row : list)
            insert = insert.values(row);
        insert.execute();
    }

    private static List<Object[]> generate(int count, IntFunction<Object[]> row) {
        return IntStream.rangeClosed(1, count).mapToObj(row).toList();
    }

    private static List<Object[]> pairs(SplittableRandom random, int count, int firstMax, int secondMax, boolean softDeletable) {
        Set<List<Long>> seen = new HashSet<>();
        List<Object[]> pairs = new ArrayList<>();
        while (pairs.size() < count) {
            List<Long> pair = List.of(id(random, firstMax), id(random, secondMax));
            if (seen.add(pair))
                pairs.add(softDeletable ? new Object[] { pair.get(0), pair.get(1), deletedAt(random, pairs.size() + 1) }
                    : new Object[] { pair.get(0), pair.get(1) });
        }
        return pairs;
    }

    private static OffsetDateTime deletedAt(SplittableRandom random, int row) {
        boolean deleted = row == 2 || row > 2 && random.nextDouble() < DELETED_SHARE;
        return deleted ? DELETED_FROM.plusMinutes(random.nextInt(DELETED_SPREAD_MINUTES)) : null;
    }

    private static long id(SplittableRandom random, int max) {
        return 1 + random.nextInt(max);
    }

    private static String pick(SplittableRandom random, List<String> values) {
        return values.get(random.nextInt(values.size()));
    }

    private static List<String> texts(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + i).toList();
    }
}
