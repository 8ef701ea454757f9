package io.github.softdelete.spring;

import static io.github.softdelete.it.db.Tables.USERS;

import org.jooq.DSLContext;
import org.springframework.transaction.annotation.Transactional;

import io.github.softdelete.SoftDelete;

/** A service as an application writes it: an injected DSLContext and a {@code @Transactional} method. */
public class AccountService {

    private final DSLContext dsl;
    private volatile int deletedSeenInside = -1;

    public AccountService(DSLContext dsl) {
        this.dsl = dsl;
    }

    /** Soft-deletes an account, looks at it through a scoped context, then fails: everything rolls back. */
    @Transactional
    public void closeAndFail(long userId) {
        dsl.deleteFrom(USERS).where(USERS.ID.eq(userId)).execute();
        deletedSeenInside = SoftDelete.onlyDeleted(dsl).fetchCount(USERS);
        throw new Failure();
    }

    int deletedSeenInside() {
        return deletedSeenInside;
    }

    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }
}
