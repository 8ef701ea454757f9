package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated columns' expressions as MariaDB 10.11 prints them in {@code COLUMNS.GENERATION_EXPRESSION} (each
 * spelling below is what the server printed for a column created with the form it stands for).
 */
class LiveColumnTest {

    private static final LintMarker TIMESTAMP = LintMarker.timestamp("deleted_at");
    private static final LintMarker FLAG = new LintMarker("is_deleted", true, false);
    private static final LintMarker NULLABLE_FLAG = new LintMarker("is_deleted", true, true);

    static Stream<Arguments> expressions() {
        return Stream.of(
            // expression, marker, NULL on every deleted row and only there
            Arguments.of("if(`deleted_at` is null,`email`,NULL)", TIMESTAMP, true),
            Arguments.of("if(`deleted_at` is null,1,NULL)", TIMESTAMP, true),
            Arguments.of("if(`deleted_at` is not null,NULL,`email`)", TIMESTAMP, true),
            Arguments.of("case when `deleted_at` is null then `email` end", TIMESTAMP, true),
            Arguments.of("case when `deleted_at` is null then `email` else NULL end", TIMESTAMP, true),
            Arguments.of("IF(`DELETED_AT` IS NULL,`email`,NULL)", TIMESTAMP, true),
            Arguments.of("if(`deleted_at` is null,concat(`a`,',',`b`),NULL)", TIMESTAMP, true),
            Arguments.of("if(`deleted_at` is null,`email`,'x')", TIMESTAMP, false),
            Arguments.of("if(`deleted_at` is null,NULL,`email`)", TIMESTAMP, false),
            Arguments.of("if(`removed_at` is null,`email`,NULL)", TIMESTAMP, false),
            Arguments.of("case when `deleted_at` is null then `email` else `name` end", TIMESTAMP, false),
            Arguments.of("case when `deleted_at` is null then case when `x` then `a` else `b` end end", TIMESTAMP, false),
            Arguments.of("lcase(`email`)", TIMESTAMP, false),
            Arguments.of("if(`is_deleted`,NULL,`title`)", FLAG, true),
            Arguments.of("if(`is_deleted` = 0,`title`,NULL)", FLAG, true),
            Arguments.of("if(`is_deleted` is not true,`title`,NULL)", FLAG, true),
            Arguments.of("if(`is_deleted`,`title`,NULL)", FLAG, false),
            Arguments.of("if(`is_deleted`,NULL,`title`)", NULLABLE_FLAG, true),
            Arguments.of("if(`is_deleted` is not true,`title`,NULL)", NULLABLE_FLAG, true),
            // a NULL flag is live, but `is_deleted` = 0 is NULL there: live rows with a NULL flag would count no more
            Arguments.of("if(`is_deleted` = 0,`title`,NULL)", NULLABLE_FLAG, false));
    }

    @ParameterizedTest(name = "{0} ({1})")
    @MethodSource("expressions")
    void isLiveOnly_readsMariaDbsSpelling(String expression, LintMarker marker, boolean liveOnly) {
        assertThat(LiveColumn.isLiveOnly(expression, marker)).isEqualTo(liveOnly);
    }

    @Test
    void isLiveOnly_columnThatIsNotGenerated_isNot() {
        assertThat(LiveColumn.isLiveOnly(null, TIMESTAMP)).isFalse();
    }

    @Test
    void definition_isTheFormItRecognises() {
        assertThat(LiveColumn.definition("email_live", "email", "varchar(255)", null, TIMESTAMP))
            .isEqualTo("email_live varchar(255) AS (IF(deleted_at IS NULL, email, NULL)) VIRTUAL");
        assertThat(LiveColumn.definition("title live", "title", "varchar(80)", "utf8mb4_bin", NULLABLE_FLAG))
            .isEqualTo("`title live` varchar(80) COLLATE utf8mb4_bin AS (IF(is_deleted, NULL, title)) VIRTUAL");
        // what MariaDB prints for them
        assertThat(LiveColumn.isLiveOnly("if(`deleted_at` is null,`email`,NULL)", TIMESTAMP)).isTrue();
        assertThat(LiveColumn.isLiveOnly("if(`is_deleted`,NULL,`title`)", NULLABLE_FLAG)).isTrue();
    }
}
