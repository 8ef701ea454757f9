package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.RecordListener;
import org.jooq.SQLDialect;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultRecordListenerProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** What install refuses, and what the listener refuses when a partner listener went missing or a TRUNCATE would purge. */
class InstallGuaranteesTest {

    private static Configuration configuration(SQLDialect dialect) {
        return new DefaultConfiguration().set(dialect).set(new Settings().withRenderSchema(false));
    }

    private static DSLContext installed() {
        return DSL.using(SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC)));
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = { "H2", "MYSQL", "MARIADB", "SQLITE", "DEFAULT", "DERBY", "HSQLDB", "FIREBIRD" })
    void install_unsupportedDialect_refusedNamingTheSupportedOnes(SQLDialect dialect) {
        assertThatThrownBy(() -> SoftDelete.install(configuration(dialect), SoftDeletePolicy.forSchema(PUBLIC)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not support the dialect " + dialect)
            .hasMessageContaining("SQLDialect.POSTGRES");
    }

    @Test
    void install_postgres_accepted() {
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(configuration.visitListenerProviders()).hasSize(1);
        assertThat(configuration.executeListenerProviders()).hasSize(2);
        assertThat(configuration.recordListenerProviders()).hasSize(1);
    }

    @Test
    void delete_executeListenersReplacedAfterInstall_refusedNamingTheFix() {
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC));
        configuration.set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            private static final long serialVersionUID = 1L;
        }));

        assertThatThrownBy(() -> DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("ExecuteListener (StatementRefusals) is missing")
            .hasMessageContaining("call SoftDelete.install last");
    }

    @Test
    void delete_recordListenersReplacedAfterInstall_refused() {
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC));
        configuration.set(new DefaultRecordListenerProvider(new RecordListener() { }));

        assertThatThrownBy(() -> DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("RecordListener (RecordMarkers) is missing");
    }

    @Test
    void delete_listenersSetBeforeInstall_kept() {
        Configuration configuration = configuration(SQLDialect.POSTGRES).set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            private static final long serialVersionUID = 1L;
        }));
        SoftDelete.install(configuration, SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(configuration.executeListenerProviders()).hasSize(3);
        assertThat(DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL()).startsWith("update \"posts\"");
    }

    @Test
    void truncate_softDeletableTable_refused() {
        assertThatThrownBy(() -> installed().truncate(POSTS).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot TRUNCATE \"posts\"")
            .hasMessageContaining("SoftDelete.hardDelete(ctx)");
    }

    @Test
    void truncate_oneOfSeveralTablesSoftDeletable_refused() {
        assertThatThrownBy(() -> installed().truncate(TAGS, USERS).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot TRUNCATE \"users\"");
    }

    @Test
    void truncate_plainNamedSoftDeletableTable_refused() {
        assertThatThrownBy(() -> installed().truncate(DSL.table(DSL.name("posts"))).getSQL())
            .isInstanceOf(SoftDeleteException.class)
            .hasMessageContaining("cannot TRUNCATE \"posts\"");
    }

    @Test
    void truncate_hardDelete_renders() {
        assertThat(SoftDelete.hardDelete(installed()).truncate(POSTS).getSQL()).isEqualTo("truncate table \"posts\"");
    }

    @Test
    void truncate_tableThatIsNotSoftDeletable_renders() {
        assertThat(installed().truncate(TAGS).getSQL()).isEqualTo("truncate table \"tags\"");
    }
}
