/**
 * Soft deletes for jOOQ: {@link io.github.softdelete.SoftDelete} installs a listener that hides
 * soft-deleted rows and turns {@code DELETE} into an update.
 *
 * <p>Only {@code io.github.softdelete} is exported. {@code io.github.softdelete.internal} is not: it may
 * change in any release. Other softdelete modules that run on the class path (the code generator inside
 * jOOQ's code generation, the Spring Boot starter) are not affected by that boundary.
 */
module io.github.softdelete {
    // transitive: the API's signatures are made of jOOQ types (Configuration, DSLContext, Table, ...).
    requires transitive org.jooq;
    // static: compile time only, never needed at run time. jOOQ's Settings carry JAXB annotations, and javadoc reads
    // them wherever a public type of the module (internal ones included, since the packages were split) refers to
    // jOOQ's render settings; without the module it warns "unknown enum constant XmlAccessType.FIELD", which fails
    // the build (failOnWarnings). jOOQ's own module-info requires it the same way.
    requires static jakarta.xml.bind;

    exports io.github.softdelete;
}
