package io.github.softdelete.internal.cascade;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The tables whose deletes leave settlement entries are read from the marks in a statement's text: every mark,
 * once, and nothing that only resembles one.
 */
class SettlementEntryMarksTest {

    @Test
    void marksOfSeveralTables_eachTableOnce() {
        assertThat(tables("with a as (select json_build_object('t', 'softdelete-entry:3')), b as (select 'softdelete-entry:12'),"
            + " c as (select 'softdelete-entry:3') update x set y = 1")).containsExactly(3, 12);
    }

    @Test
    void noMark_noTables() {
        assertThat(tables("delete from t where id = ?")).isEmpty();
        assertThat(tables(null)).isEmpty();
    }

    @Test
    void textThatOnlyResemblesAMark_isNoMark() {
        assertThat(tables("select 'softdelete-entry:' || id, 'softdelete-entry:4x', softdelete-entry:5, 'softdelete-entry:")).isEmpty();
        assertThat(tables("select 'softdelete-entry:99999999999999'")).as("too long to be an index").isEmpty();
    }

    @Test
    void batchOfStatements_marksOfEvery() {
        assertThat(CascadeSettlement.entryTables("select 'softdelete-entry:1'", new String[] { "select 'softdelete-entry:2'", "select 1" }))
            .containsExactly(1, 2);
    }

    private static Set<Integer> tables(String sql) {
        Set<Integer> tables = new TreeSet<>();
        SettlementEntry.tables(sql, tables);
        return tables;
    }
}
