package io.github.softdelete.it.fuzz;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;

import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What values a column holds, so that generated literals hit rows as often as they miss them. Ids run
 * one past the largest id of {@link RandomDataset}; texts come from the dataset's pools plus one value
 * that no row holds.
 */
enum Domain {
    USER_ID(Kind.LONG, RandomDataset.USER_COUNT),
    CATEGORY_ID(Kind.LONG, RandomDataset.CATEGORY_COUNT),
    POST_ID(Kind.LONG, RandomDataset.POST_COUNT),
    COMMENT_ID(Kind.LONG, RandomDataset.COMMENT_COUNT),
    TAG_ID(Kind.LONG, RandomDataset.TAG_COUNT),
    COUNT(Kind.LONG, 4),
    NUMBER(Kind.NUMBER, 60),
    USER_NAME(Kind.TEXT, RandomDataset.USER_NAMES),
    EMAIL(Kind.TEXT, List.of("u1@x.org", "u2@x.org", "u5@x.org", "u9@x.org")),
    CATEGORY_NAME(Kind.TEXT, List.of("cat1", "cat2", "cat3")),
    TITLE(Kind.TEXT, RandomDataset.TITLES),
    CONTENT(Kind.TEXT, RandomDataset.CONTENTS),
    BODY(Kind.TEXT, RandomDataset.BODIES),
    TAG_NAME(Kind.TEXT, List.of("tag1", "tag2", "tag4")),
    TIME(Kind.TIME, 0),
    BOOL(Kind.BOOL, 0);

    final Kind kind;
    private final int max;
    private final List<String> texts;

    Domain(Kind kind, int max) {
        this.kind = kind;
        this.max = max;
        this.texts = List.of();
    }

    Domain(Kind kind, List<String> texts) {
        this.kind = kind;
        this.max = 0;
        this.texts = texts;
    }

    /**
     * A random inlined literal of this domain: the generated SQL carries no bind values. A time is a
     * {@code timestamp with time zone} on PostgreSQL, and on MariaDB, which has no such type and keeps its
     * {@code DATETIME(6)} markers in UTC, the same instant as a UTC {@code timestamp}.
     */
    Field<?> literal(Gen gen) {
        SplittableRandom random = gen.random;
        return switch (kind) {
            case LONG -> DSL.inline((long) random.nextInt(max + 2));
            case NUMBER -> DSL.inline(BigDecimal.valueOf(random.nextInt(max + 1)));
            case TEXT -> DSL.inline(random.nextInt(8) == 0 ? "zz" : texts.get(random.nextInt(texts.size())));
            case TIME -> time(gen.engine, RandomDataset.DELETED_FROM.plusMinutes(random.nextInt(RandomDataset.DELETED_SPREAD_MINUTES)));
            case BOOL -> DSL.inline(random.nextBoolean());
        };
    }

    private static Field<?> time(Engine engine, OffsetDateTime time) {
        return engine == Engine.MARIADB ? DSL.inline(time.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime()) : DSL.inline(time);
    }

    /** A LIKE pattern that matches some values of a text domain. */
    String likePattern(SplittableRandom random) {
        String text = texts.get(random.nextInt(texts.size()));
        return text.substring(0, 1 + random.nextInt(text.length())) + "%";
    }
}
