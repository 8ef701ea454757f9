package io.github.softdelete.internal;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

/**
 * The layers of core's internal packages, as each package-info says them: a package depends only on the packages
 * below it. Checked on the compiled classes, so a new arrow upward fails the build instead of rotting the seams.
 */
class PackageLayersTest {

    /** From the bottom up. */
    private static final List<String> LAYERS =
        List.of("jooq", "policy", "sql", "render", "read", "cascade", "write", "view", "sqltext", "install", "purge", "jdbc");

    private static final JavaClasses CORE = new ClassFileImporter()
        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
        .importPackages("io.github.softdelete");

    @Test
    void internalPackages_dependOnlyOnThoseBelow() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (String layer : LAYERS)
            layers = layers.layer(layer).definedBy("io.github.softdelete.internal." + layer + "..");
        for (int i = 0; i < LAYERS.size() - 1; i++)
            layers = layers.whereLayer(LAYERS.get(i)).mayOnlyBeAccessedByLayers(LAYERS.subList(i + 1, LAYERS.size()).toArray(String[]::new));
        layers.whereLayer(LAYERS.get(LAYERS.size() - 1)).mayNotBeAccessedByAnyLayer().check(CORE);
    }

    @Test
    void internalPackages_formNoCycles() {
        slices().matching("io.github.softdelete.internal.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void internalPackages_useTheApisValueTypesOnly() {
        noClasses().that().resideInAPackage("io.github.softdelete.internal..")
            .should().dependOnClassesThat().haveFullyQualifiedName("io.github.softdelete.SoftDelete")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.github.softdelete.SoftDeletePolicy$Builder")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("io.github.softdelete.Purge")
            .because("the entry points sit on top of the internals; the internals use the API's values (Marker, OnDelete,"
                + " PlainSql, SoftDeleteException, the report records), never its entry points")
            .check(CORE);
    }

    @Test
    void everyInternalClass_isInALayer() {
        noClasses().that().resideInAPackage("io.github.softdelete.internal")
            .should().bePublic().orShould().notBePublic()
            .because("every internal class belongs to one of the layered packages")
            .allowEmptyShould(true)
            .check(CORE);
    }
}
