package io.github.softdelete.examples.spring;

import java.io.PrintStream;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import io.github.softdelete.it.harness.PostgresServers;
import io.github.softdelete.it.harness.TestDatabase;

/**
 * Runs {@link ForumApplication} on a scratch database of embedded PostgreSQL (or the server that
 * {@code SOFTDELETE_JDBC_URL} names), tells a short story through {@link AccountService}, and stops.
 *
 * <p>{@code mvn -q -pl examples/spring-boot -am compile exec:java}
 */
public final class ForumSample {

    private ForumSample() {
    }

    public static void main(String[] args) {
        run(System.out);
    }

    /** The story; returns what it saw: live posts after signup, after closing, after reopening; deleted after closing. */
    static int[] run(PrintStream out) {
        try (TestDatabase database = PostgresServers.shared().createMigratedDatabase("spring_sample")) {
            SpringApplication application = new SpringApplication(ForumApplication.class);
            application.setDefaultProperties(Map.of(
                "spring.datasource.url", database.jdbcUrl(),
                "spring.datasource.username", database.user() == null ? "" : database.user(),
                "spring.datasource.password", database.password() == null ? "" : database.password()));
            try (ConfigurableApplicationContext context = application.run()) {
                AccountService accounts = context.getBean(AccountService.class);
                AccountCache cache = context.getBean(AccountCache.class);
                DeletionAudit audit = context.getBean(DeletionAudit.class);
                long ada = accounts.signUp("ada@example.com", "Ada", "Notes on the engine");
                int afterSignup = accounts.livePosts();
                out.println("signed up Ada with a post: " + afterSignup + " live post; her name cached: " + accounts.accountName(ada));
                accounts.closeAccount(ada);
                int afterClose = accounts.livePosts();
                int deleted = accounts.deletedPosts();
                out.println("closed Ada's account: " + afterClose + " live posts, " + deleted + " deleted (kept, restorable)");
                out.println("  the cache let her name go after the commit: " + !cache.holds(ada));
                accounts.reopenAccount(ada);
                int afterReopen = accounts.livePosts();
                if (accounts.liveComments() != 1)
                    throw new IllegalStateException("the reopened account's comment did not come back");
                out.println("reopened it: " + afterReopen + " live post again, with its comment");
                out.println("the audit trail, written in each operation's transaction:");
                audit.rows().forEach(row -> out.println("  " + row));
                return new int[] { afterSignup, afterClose, afterReopen, deleted };
            }
        }
    }
}
