package io.github.softdelete.it.fuzz;

import java.sql.SQLException;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link FuzzFindingsTest} on MariaDB, where the statement fuzzers found them. */
@MariaDbTest
class FuzzFindingsOnMariaDbTest extends FuzzFindingsTest {

    @Test
    @Disabled("core bug: SQL text naming a table qualified by the database (as a context with RenderMapping renders it) is"
        + " not the policy's table on MariaDB: the DELETE is a hard DELETE (issue 25)")
    @Override
    void sqlTextDelete_tableQualifiedAsTheContextRendersIt_softDeletes() throws SQLException {
        super.sqlTextDelete_tableQualifiedAsTheContextRendersIt_softDeletes();
    }

    @Test
    @Disabled("core bug: SQL text naming a table qualified by the database (as a context with RenderMapping renders it) is"
        + " not the policy's table on MariaDB: the read sees deleted rows (issue 25)")
    @Override
    void sqlTextRead_tableQualifiedAsTheContextRendersIt_hidesDeletedRows() throws SQLException {
        super.sqlTextRead_tableQualifiedAsTheContextRendersIt_hidesDeletedRows();
    }
}
