package io.github.softdelete.it.harness;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JdbcUrlTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://localhost:5432/postgres                  | postgres | jdbc:postgresql://localhost:5432/other
            jdbc:postgresql://localhost/postgres?user=me&ssl=false     | postgres | jdbc:postgresql://localhost/other?user=me&ssl=false
            jdbc:postgresql://a:1,b:2/app?targetServerType=primary     | app      | jdbc:postgresql://a:1,b:2/other?targetServerType=primary
            jdbc:postgresql://localhost:5432                           | ''       | jdbc:postgresql://localhost:5432/other
            jdbc:postgresql://localhost:5432?user=me                   | ''       | jdbc:postgresql://localhost:5432/other?user=me
            jdbc:postgresql:app                                        | app      | jdbc:postgresql:other
            """)
    void withDatabase_keepsServerAndParameters(String url, String database, String expected) {
        JdbcUrl parsed = JdbcUrl.parse(url);

        assertThat(parsed.database()).isEqualTo(database);
        assertThat(parsed.withDatabase("other")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:postgresql://localhost/app?password=secret | jdbc:postgresql://localhost/app
            jdbc:postgresql:app?password=secret             | jdbc:postgresql:app
            """)
    void toString_leavesOutParameters(String url, String expected) {
        assertThat(JdbcUrl.parse(url)).hasToString(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdbc:mysql://localhost/app", "postgres://localhost/app"})
    void parse_otherScheme_namesTheExpectedOne(String url) {
        assertThatThrownBy(() -> JdbcUrl.parse(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("jdbc:postgresql:");
    }
}
