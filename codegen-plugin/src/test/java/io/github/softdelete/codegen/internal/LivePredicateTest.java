package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Predicates as PostgreSQL's pg_get_expr prints them. */
class LivePredicateTest {

    static Stream<Arguments> predicates() {
        return Stream.of(
            // predicate, marker, restricts to live rows, is exactly the live condition
            Arguments.of("(deleted_at IS NULL)", "deleted_at", true, true),
            Arguments.of("deleted_at IS NULL", "deleted_at", true, true),
            Arguments.of("((deleted_at IS NULL) AND (slug <> ''::text))", "deleted_at", true, false),
            Arguments.of("((slug <> ''::text) AND (deleted_at IS NULL))", "deleted_at", true, false),
            Arguments.of("((deleted_at IS NULL) OR (slug <> ''::text))", "deleted_at", false, false),
            Arguments.of("(deleted_at IS NOT NULL)", "deleted_at", false, false),
            Arguments.of("(removed_at IS NULL)", "deleted_at", false, false),
            Arguments.of("(slug <> ' AND deleted_at IS NULL'::text)", "deleted_at", false, false),
            Arguments.of("(\"Deleted At\" IS NULL)", "Deleted At", true, true),
            Arguments.of("(NOT (deleted_at IS NULL))", "deleted_at", false, false),
            Arguments.of(null, "deleted_at", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("predicates")
    void predicate_readsLiveCondition(String predicate, String marker, boolean restricts, boolean exactly) {
        assertThat(LivePredicate.restrictsToLive(predicate, marker)).as("restricts to live rows").isEqualTo(restricts);
        assertThat(LivePredicate.isExactlyLive(predicate, marker)).as("is exactly the live condition").isEqualTo(exactly);
    }
}
