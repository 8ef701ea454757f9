package io.github.softdelete.internal.jooq;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The listener's shortcut for plain-SQL pieces that can name nothing (the {@code *} of {@code count(*)}). */
class SqlIdentifiersTest {

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = { "*", "?", "? + ?", "(?)", "1 = 1", "", " ", "/**/", "-- 1", "'1'" })
    void textWithoutIdentifierCharacters_namesNothing(String text) {
        assertThat(SqlIdentifiers.namesNothing(text)).isTrue();
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = { "posts", "\"posts\"", "_x", "{0}", "{0} + 1", "$1", "$$x$$", "`x`", "[x]", "é", "1 = ?::int4 or x", "'a'" })
    void textThatCouldNameARelationOrHoldATemplateArgument_mayName(String text) {
        assertThat(SqlIdentifiers.namesNothing(text)).isFalse();
    }
}
