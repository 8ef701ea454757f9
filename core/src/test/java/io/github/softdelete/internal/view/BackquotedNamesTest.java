package io.github.softdelete.internal.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The dotted names of a view definition as MariaDB stores it, for the definitions jOOQ cannot parse. */
class BackquotedNamesTest {

    @Test
    void chains_storedDefinition_tablesAndQualifiedColumns_notSingleNames() {
        String stored = "select `shop`.`users`.`id` AS `id`,`shout`(`shop`.`users`.`name`) AS `loud`"
            + " from (`shop`.`users` `u` join `shop`.`posts` `p` on(`p`.`author_id` = `u`.`id`))";

        assertThat(BackquotedNames.chains(stored)).containsExactly(List.of("shop", "users", "id"), List.of("shop", "users", "name"),
            List.of("shop", "users"), List.of("shop", "posts"), List.of("p", "author_id"), List.of("u", "id"));
    }

    @Test
    void chains_backquotesInStringLiteralsAndComments_areNoNames() {
        String sql = "select 'a`.`b' AS `x`, \"c`.`d\", 'it''s `e`.`f`', 'back\\' `g`.`h`' /* `i`.`j` */ from `shop`.`t` -- `k`.`l`\n"
            + "# `m`.`n`\n";

        assertThat(BackquotedNames.chains(sql)).containsExactly(List.of("shop", "t"));
    }

    @Test
    void chains_doubledBackquoteAndSpacesAroundDots_readAsMariaDbReadsThem() {
        assertThat(BackquotedNames.chains("select * from `we``ird` . `t`")).containsExactly(List.of("we`ird", "t"));
    }

    @Test
    void chains_unterminatedName_endsTheScan() {
        assertThat(BackquotedNames.chains("select * from `shop`.`t")).containsExactly(List.of("shop", "t"));
    }
}
