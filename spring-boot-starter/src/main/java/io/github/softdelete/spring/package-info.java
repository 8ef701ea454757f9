/**
 * Spring Boot 4 auto-configuration for softdelete: add {@code softdelete-spring-boot-starter}, give a policy,
 * and every {@code DSLContext} Boot configures filters deleted rows and turns {@code DELETE} into an update.
 */
package io.github.softdelete.spring;
