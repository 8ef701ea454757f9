package io.github.softdelete.spring;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns the starter's own startup failures into Spring Boot's "APPLICATION FAILED TO START" report: the
 * {@link SoftDeleteStartupException} that Spring wraps several beans deep becomes its description and action.
 *
 * <p>Registered in {@code META-INF/spring.factories}, where Boot looks for failure analyzers. Thread-safe: it
 * keeps no state.
 */
final class StartupFailureAnalyzer extends AbstractFailureAnalyzer<SoftDeleteStartupException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, SoftDeleteStartupException cause) {
        return new FailureAnalysis(cause.description(), cause.action(), cause);
    }
}
