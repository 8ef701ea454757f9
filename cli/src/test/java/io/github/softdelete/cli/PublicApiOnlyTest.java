package io.github.softdelete.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The command-line tool uses the core library and the code generator through their public APIs only, as a user's
 * code does: their internal packages may change in any release, and a module that reached into them would break
 * with it.
 */
class PublicApiOnlyTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.softdelete.cli");

    @Test
    void mainClasses_dependOnCorePublicApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.github.softdelete.internal..")
            .because("core's internal packages are not an API; use io.github.softdelete")
            .check(CLASSES);
    }

    @Test
    void mainClasses_dependOnCodegenPublicApiOnly() {
        noClasses().should().dependOnClassesThat().resideInAPackage("io.github.softdelete.codegen.internal..")
            .because("codegen's internal packages are not an API; use io.github.softdelete.codegen (SchemaLint)")
            .check(CLASSES);
    }
}
