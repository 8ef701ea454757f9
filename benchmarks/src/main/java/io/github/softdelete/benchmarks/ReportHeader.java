package io.github.softdelete.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The part of the report that says when, how and on what the figures were taken.
 *
 * @param environment the machine, JDK and versions
 * @param loadBefore  load averages when the run started
 * @param loadAfter   load averages when it ended
 * @param started     when the run started
 * @param took        how long the whole run took, seeding included
 * @param command     the command that produced the figures
 * @param settings    JMH's iteration settings per benchmark group
 * @param smoke       whether this was a smoke run, whose figures mean nothing
 */
record ReportHeader(Environment environment, String loadBefore, String loadAfter, Instant started, Duration took,
                    String command, String settings, boolean smoke) {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    String markdown() {
        StringBuilder out = new StringBuilder();
        if (smoke)
            out.append("> **Smoke run:** each benchmark ran for a moment; these figures mean nothing.\n\n");
        out.append("Taken ").append(WHEN.format(started)).append(", in ").append(took.toMinutes()).append(" min ")
            .append(took.toSecondsPart()).append(" s, by\n\n```sh\n").append(command).append("\n```\n\n");
        MarkdownTable table = new MarkdownTable("", "").text();
        table.row("machine", environment.machine());
        table.row("load average (1, 5, 15 min)", "at the start " + loadBefore + "; at the end " + loadAfter);
        table.row("OS", environment.os());
        table.row("JDK", environment.jdk());
        table.row("jOOQ", environment.jooq());
        table.row("JMH", environment.jmh() + ". " + settings);
        table.row("PostgreSQL", environment.postgres() == null ? "not used in this run"
            : environment.postgres() + "; over loopback, one connection per benchmark");
        return out.append(table).toString();
    }
}
