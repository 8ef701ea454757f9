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
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mariadb://localhost:3306/                         | ''    | jdbc:mariadb://localhost:3306/other
            jdbc:mariadb://localhost:3306                          | ''    | jdbc:mariadb://localhost:3306/other
            jdbc:mariadb://localhost/app?user=me&sslMode=disable   | app   | jdbc:mariadb://localhost/other?user=me&sslMode=disable
            jdbc:mariadb:replication://a:1,b:2/app                 | app   | jdbc:mariadb:replication://a:1,b:2/other
            """)
    void parseMariaDb_withDatabase_keepsServerAndParameters(String url, String database, String expected) {
        JdbcUrl parsed = JdbcUrl.parseMariaDb(url);

        assertThat(parsed.database()).isEqualTo(database);
        assertThat(parsed.withDatabase("other")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            jdbc:mariadb://localhost/app          | jdbc:mariadb://localhost/other?a=1&b=2
            jdbc:mariadb://localhost/app?user=me  | jdbc:mariadb://localhost/other?user=me&a=1&b=2
            """)
    void withDatabase_moreParameters_appendsThem(String url, String expected) {
        assertThat(JdbcUrl.parseMariaDb(url).withDatabase("other", "a=1&b=2")).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"jdbc:postgresql://localhost/app", "jdbc:mysql://localhost/app"})
    void parseMariaDb_otherScheme_namesTheExpectedOne(String url) {
        assertThatThrownBy(() -> JdbcUrl.parseMariaDb(url))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(url)
                .hasMessageContaining("jdbc:mariadb:");
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
