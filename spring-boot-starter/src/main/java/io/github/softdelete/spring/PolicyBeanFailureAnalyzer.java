package io.github.softdelete.spring;

import java.lang.reflect.Method;

import org.springframework.beans.BeanInstantiationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

import io.github.softdelete.SoftDeletePolicy;

/**
 * Reports an application's {@code @Bean SoftDeletePolicy} method that failed, typically because
 * {@link SoftDeletePolicy.Builder#build()} found registrations that are not valid. The starter does not call
 * that method, so it cannot wrap the failure; it is recognised by the bean method's return type.
 *
 * <p>Registered in {@code META-INF/spring.factories}, where Boot looks for failure analyzers. Thread-safe: it
 * keeps no state.
 */
final class PolicyBeanFailureAnalyzer extends AbstractFailureAnalyzer<BeanInstantiationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, BeanInstantiationException outermost) {
        // The policy bean is usually created inside another bean's factory method (the starter's customizer asks
        // for it), whose BeanInstantiationException comes first; look at every one down the chain.
        for (Throwable cause = outermost; cause != null; cause = cause.getCause()) {
            if (cause instanceof BeanInstantiationException failed && failed.getConstructingMethod() != null
                && SoftDeletePolicy.class.isAssignableFrom(failed.getConstructingMethod().getReturnType())
                // What build() throws for registrations that are not valid; any other failure of the method is
                // the application's own, and Boot reports it as usual.
                && failed.getCause() instanceof IllegalArgumentException invalid)
                return analysis(failed.getConstructingMethod(), invalid, failed);
        }
        return null;
    }

    private static FailureAnalysis analysis(Method method, IllegalArgumentException invalid, Throwable cause) {
        String where = method.getDeclaringClass().getName() + "." + method.getName() + "()";
        return new FailureAnalysis("The SoftDeletePolicy bean of " + where + " could not be built: "
            + invalid.getMessage() + ".", "Correct the registrations the description names in " + where
            + "; SoftDeletePolicy.Builder.build() lists every table and column that is not valid.", cause);
    }
}
