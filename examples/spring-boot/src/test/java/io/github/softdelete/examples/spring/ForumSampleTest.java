package io.github.softdelete.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class ForumSampleTest {

    @Test
    void sample_closesAndReopensAnAccountThroughSpring() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int[] seen = ForumSample.run(new PrintStream(printed, true, StandardCharsets.UTF_8));

        assertThat(seen).containsExactly(1, 0, 1, 1);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("closed Ada's account: 0 live posts, 1 deleted")
            .contains("the cache let her name go after the commit: true")
            // docs/events.md's worked example: every table each operation reached, in its transaction
            .contains("  SOFT_DELETE users users 1\n  SOFT_DELETE users posts 1\n  SOFT_DELETE users comments 1\n"
                + "  RESTORE users users 1\n  RESTORE users posts 1\n  RESTORE users comments 1\n");
    }
}
