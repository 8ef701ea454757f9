package io.github.softdelete.codegen.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.softdelete.codegen.SoftDeleteJavaGenerator;

/** The internal code logs under the generator's name without importing the generator. */
class GeneratorLogTest {

    @Test
    void category_isTheGeneratorsClassName() {
        assertThat(GeneratorLog.CATEGORY).isEqualTo(SoftDeleteJavaGenerator.class.getName());
    }
}
