package io.github.softdelete.internal.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.softdelete.OnDelete;

/** MariaDB's ON DELETE rules as information_schema.REFERENTIAL_CONSTRAINTS.DELETE_RULE writes them. */
class DatabaseCatalogTest {

    @Test
    void mariaDbRule_everyValueOfDeleteRule_isItsRule() {
        assertThat(DatabaseCatalog.mariaDbRule("CASCADE")).isEqualTo(OnDelete.CASCADE);
        assertThat(DatabaseCatalog.mariaDbRule("RESTRICT")).isEqualTo(OnDelete.RESTRICT);
        assertThat(DatabaseCatalog.mariaDbRule("SET NULL")).isEqualTo(OnDelete.SET_NULL);
        assertThat(DatabaseCatalog.mariaDbRule("NO ACTION")).isEqualTo(OnDelete.NO_ACTION);
        assertThat(DatabaseCatalog.mariaDbRule("SET DEFAULT")).isEqualTo(OnDelete.SET_DEFAULT);
    }

    @Test
    void mariaDbRule_unknownValue_isNoActionWhichRefusesRatherThanGuesses() {
        assertThat(DatabaseCatalog.mariaDbRule("SOMETHING NEW")).isEqualTo(OnDelete.NO_ACTION);
    }
}
