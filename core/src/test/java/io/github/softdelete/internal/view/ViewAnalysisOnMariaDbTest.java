package io.github.softdelete.internal.view;

import static io.github.softdelete.fixture.TestSchema.USERS;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

import io.github.softdelete.internal.policy.PolicyTable;
import io.github.softdelete.internal.policy.TableRegistry;
import io.github.softdelete.internal.policy.ViewDefinition;

/** View definitions as MariaDB stores them (lower case, backquoted, qualified by database), parsed under SQLDialect.MARIADB. */
class ViewAnalysisOnMariaDbTest {

    private static final PolicyTable USERS_ENTRY = new PolicyTable(USERS, USERS.DELETED_AT, 2);
    private static final TableRegistry REGISTRY = new TableRegistry(List.of(USERS_ENTRY), List.of());

    @Test
    void analyse_storedDefinitionThatDoesNotFilter_readsTheTable_inlined_itsAliasedColumnsShowTheBases() {
        ViewDefinition view = analyse("select `public`.`users`.`id` AS `id`,`public`.`users`.`email` AS `email` from `public`.`users`");

        assertThat(view.reads()).containsExactly(USERS_ENTRY);
        assertThat(view.needsInlining()).isTrue();
        assertThat(view.base()).isEqualTo(USERS_ENTRY);
        // MariaDB stores every column as `db`.`table`.`column` AS `name`: still the base column as it is
        assertThat(view.columns()).containsExactly(java.util.Map.entry("id", "id"), java.util.Map.entry("email", "email"));
    }

    @Test
    void analyse_storedDefinitionWithTheMarkerCondition_filters() {
        ViewDefinition view = analyse("select `public`.`users`.`id` AS `id` from `public`.`users` where `public`.`users`.`deleted_at` is null");

        assertThat(view.filters()).isTrue();
        assertThat(view.needsInlining()).isFalse();
    }

    @Test
    void analyse_storedJoinWithAliases_readsTheTable_notWritable() {
        ViewDefinition view = analyse("select `u`.`id` AS `id` from (`public`.`users` `u` join `public`.`tags` `t`"
            + " on(`t`.`id` = `u`.`id`))");

        assertThat(view.reads()).containsExactly(USERS_ENTRY);
        assertThat(view.writeProblem()).isEqualTo("it joins tables");
    }

    @Test
    void analyse_storedDefinitionCallingAFunctionJooqDoesNotKnow_unparsed_withTheParsersReason() {
        ViewDefinition view = analyse("select `public`.`users`.`id` AS `id`,`public`.`shout`(`public`.`users`.`email`) AS `loud`"
            + " from `public`.`users`");

        assertThat(view.definition()).isNull();
        assertThat(view.problem()).contains("Unknown function");
    }

    private static ViewDefinition analyse(String stored) {
        return ViewAnalysis.analyse(DSL.table(DSL.name("public", "v")), stored, SQLDialect.MARIADB, REGISTRY);
    }
}
