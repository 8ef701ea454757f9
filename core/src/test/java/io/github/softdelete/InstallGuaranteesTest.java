package io.github.softdelete;

import static io.github.softdelete.fixture.TestSchema.POSTS;
import static io.github.softdelete.fixture.TestSchema.PUBLIC;
import static io.github.softdelete.fixture.TestSchema.TAGS;
import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.jooq.Configuration;
import org.jooq.DSLContext;
import org.jooq.ExecuteListener;
import org.jooq.RecordListener;
import org.jooq.SQLDialect;
import org.jooq.VisitListener;
import org.jooq.VisitListenerProvider;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.DefaultConfiguration;
import org.jooq.impl.DefaultExecuteListenerProvider;
import org.jooq.impl.DefaultRecordListenerProvider;
import org.jooq.impl.DefaultVisitListenerProvider;
import org.jooq.tools.jdbc.MockConnection;
import org.jooq.tools.jdbc.MockDataProvider;
import org.jooq.tools.jdbc.MockResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * What install refuses (an unsupported dialect, a second policy), and what the listeners refuse when a partner went
 * missing after install, the dialect changed after install, or a TRUNCATE would purge.
 */
class InstallGuaranteesTest {

    private static Configuration configuration(SQLDialect dialect) {
        return new DefaultConfiguration().set(dialect).set(new Settings().withRenderSchema(false));
    }

    private static DSLContext installed() {
        return DSL.using(SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC)));
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = { "H2", "MYSQL", "SQLITE", "DEFAULT", "DERBY", "HSQLDB", "FIREBIRD" })
    void install_unsupportedDialect_refusedNamingTheSupportedOnes(SQLDialect dialect) {
        assertThatThrownBy(() -> SoftDelete.install(configuration(dialect), SoftDeletePolicy.forSchema(PUBLIC)))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("does not support the dialect " + dialect)
            .hasMessageContaining("[SQLDialect.POSTGRES, SQLDialect.MARIADB]");
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = { "POSTGRES", "MARIADB" })
    void install_supportedDialect_accepted(SQLDialect dialect) {
        Configuration configuration = SoftDelete.install(configuration(dialect), SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(configuration.visitListenerProviders()).hasSize(1);
        assertThat(configuration.executeListenerProviders()).hasSize(3);
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
    void statements_visitListenerReplacedAfterInstall_refusedBeforeTheyRun() {
        List<String> executed = new ArrayList<>();
        Configuration configuration = SoftDelete.install(mockDatabase(executed), SoftDeletePolicy.forSchema(PUBLIC));
        configuration.set(new DefaultVisitListenerProvider(new VisitListener() { }));
        DSLContext ctx = DSL.using(configuration);

        assertThatThrownBy(() -> ctx.deleteFrom(POSTS).where(POSTS.ID.eq(1L)).execute())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("VisitListener is missing")
            .hasMessageContaining("call SoftDelete.install last");
        assertThatThrownBy(() -> ctx.selectFrom(POSTS).fetch()).hasMessageContaining("VisitListener is missing");
        assertThatThrownBy(() -> ctx.execute("delete from posts")).hasMessageContaining("VisitListener is missing");
        assertThat(executed).as("statements that reached the database").isEmpty();
    }

    @Test
    void statements_visitListenersSetOrDerivedAway_refused() {
        List<String> executed = new ArrayList<>();
        Configuration configuration = SoftDelete.install(mockDatabase(executed), SoftDeletePolicy.forSchema(PUBLIC));

        Configuration derived = configuration.derive(new VisitListenerProvider[0]);
        assertThatThrownBy(() -> DSL.using(derived).selectFrom(POSTS).fetch()).hasMessageContaining("VisitListener is missing");
        configuration.set(new VisitListener() { });
        assertThatThrownBy(() -> DSL.using(configuration).selectFrom(POSTS).fetch()).hasMessageContaining("VisitListener is missing");
        assertThat(executed).isEmpty();
    }

    @Test
    void install_secondPolicyOfOtherTables_refusedAndTheFirstKept() {
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC));
        SoftDeletePolicy other = SoftDeletePolicy.builder().table(POSTS, POSTS.DELETED_AT).build();

        assertThatThrownBy(() -> SoftDelete.install(configuration, other))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("another soft-delete policy is already installed")
            .hasMessageContaining("\"users\"")
            .hasMessageContaining("Nothing was changed");
        assertThat(DSL.using(configuration).selectFrom(USERS).getSQL()).as("the first policy still filters users").contains("deleted_at\" is null");
    }

    @Test
    void install_samePolicyAgain_changesNothing() {
        SoftDeletePolicy policy = SoftDeletePolicy.forSchema(PUBLIC);
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), policy);
        String before = DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL();

        SoftDelete.install(configuration, policy);

        assertThat(configuration.visitListenerProviders()).hasSize(1);
        assertThat(configuration.executeListenerProviders()).hasSize(3);
        assertThat(DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL()).isEqualTo(before);
    }

    @ParameterizedTest
    @EnumSource(value = SQLDialect.class, names = { "H2", "SQLITE", "MYSQL" })
    void statements_dialectChangedAfterInstall_refusedAtRender(SQLDialect dialect) {
        Configuration configuration = SoftDelete.install(configuration(SQLDialect.POSTGRES), SoftDeletePolicy.forSchema(PUBLIC));

        assertThatThrownBy(() -> DSL.using(configuration.derive(dialect)).selectFrom(POSTS).getSQL())
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("does not support the dialect " + dialect + " that this statement is rendered under")
            .hasMessageContaining("[SQLDialect.POSTGRES, SQLDialect.MARIADB]");
        configuration.set(dialect);
        assertThatThrownBy(() -> DSL.using(configuration).deleteFrom(POSTS).where(POSTS.ID.eq(1L)).getSQL())
            .hasMessageContaining("does not support the dialect " + dialect);
        assertThatThrownBy(() -> DSL.using(configuration).selectFrom(TAGS).getSQL())
            .as("a statement without soft-deletable tables too: the configuration is the library's")
            .hasMessageContaining("does not support the dialect " + dialect);
    }

    // A configuration whose connection records each statement sent and answers with no rows.
    private static Configuration mockDatabase(List<String> executed) {
        MockDataProvider provider = context -> {
            executed.add(context.sql());
            return new MockResult[] { new MockResult(0, null) };
        };
        return configuration(SQLDialect.POSTGRES).set(new MockConnection(provider));
    }

    @Test
    void delete_listenersSetBeforeInstall_kept() {
        Configuration configuration = configuration(SQLDialect.POSTGRES).set(new DefaultExecuteListenerProvider(new ExecuteListener() {
            private static final long serialVersionUID = 1L;
        }));
        SoftDelete.install(configuration, SoftDeletePolicy.forSchema(PUBLIC));

        assertThat(configuration.executeListenerProviders()).hasSize(4);
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
