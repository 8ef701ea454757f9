package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
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

    static Stream<Arguments> flagPredicates() {
        return Stream.of(
            // predicate, nullable flag, restricts to live rows, is exactly the live condition
            Arguments.of("(NOT is_deleted)", false, true, true),
            Arguments.of("(is_deleted = false)", false, true, true),
            Arguments.of("((NOT is_deleted) AND (slug <> ''::text))", false, true, false),
            Arguments.of("is_deleted", false, false, false),
            Arguments.of("(is_deleted IS NOT TRUE)", false, false, false),
            Arguments.of("(is_deleted IS NOT TRUE)", true, true, true),
            Arguments.of("(NOT is_deleted)", true, false, false),
            Arguments.of("(is_deleted IS NULL)", false, false, false));
    }

    @ParameterizedTest(name = "{0}, nullable {1}")
    @MethodSource("flagPredicates")
    void flagPredicate_readsLiveCondition(String predicate, boolean nullable, boolean restricts, boolean exactly) {
        LintMarker flag = new LintMarker("is_deleted", true, nullable);
        assertThat(LivePredicate.restrictsToLive(predicate, flag)).as("restricts to live rows").isEqualTo(restricts);
        assertThat(LivePredicate.isExactlyLive(predicate, flag)).as("is exactly the live condition").isEqualTo(exactly);
    }

    @Test
    void flagAdvice_isTheLibrarysLivePredicate() {
        assertThat(new LintMarker("is_deleted", true, false).liveSql()).isEqualTo("NOT is_deleted");
        assertThat(new LintMarker("is_deleted", true, true).liveSql()).isEqualTo("is_deleted IS NOT TRUE");
        assertThat(LintMarker.timestamp("deleted_at").liveSql()).isEqualTo("deleted_at IS NULL");
    }
}
