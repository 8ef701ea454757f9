package io.github.softdelete.codegen.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.jooq.codegen.AbstractDelegatingGeneratorStrategy;
import org.jooq.codegen.GeneratorStrategy;
import org.jooq.meta.Definition;
import org.jooq.meta.TableDefinition;

/**
 * Wraps whatever strategy the configuration names (the default, a custom class, or matchers), and
 * adds one thing: soft-deletable table classes implement {@code SoftDeletableTable}. jOOQ asks the
 * strategy, not the generator, for the interfaces of a generated class, so this is the one place to
 * add it without taking the user's own strategy away.
 *
 * <p>Not thread-safe, like jOOQ's code generation, which runs on one thread.
 */
public final class SoftDeleteStrategy extends AbstractDelegatingGeneratorStrategy {

    private final Function<TableDefinition, String> softDeletableInterface;

    /**
     * @param delegate               the configured strategy
     * @param softDeletableInterface the interface a table class implements, or null if it is not soft-deletable
     */
    public SoftDeleteStrategy(GeneratorStrategy delegate, Function<TableDefinition, String> softDeletableInterface) {
        super(delegate);
        this.softDeletableInterface = softDeletableInterface;
    }

    @Override
    public List<String> getJavaClassImplements(Definition definition, Mode mode) {
        List<String> result = new ArrayList<>(delegate.getJavaClassImplements(definition, mode));
        if (mode == Mode.DEFAULT && definition instanceof TableDefinition table) {
            String implemented = softDeletableInterface.apply(table);
            if (implemented != null)
                result.add(implemented);
        }
        return result;
    }

    // Everything else is the configured strategy's.

    @Override
    public String getJavaIdentifier(Definition definition) {
        return delegate.getJavaIdentifier(definition);
    }

    @Override
    public String getJavaSetterName(Definition definition, Mode mode) {
        return delegate.getJavaSetterName(definition, mode);
    }

    @Override
    public String getJavaGetterName(Definition definition, Mode mode) {
        return delegate.getJavaGetterName(definition, mode);
    }

    @Override
    public String getJavaMethodName(Definition definition, Mode mode) {
        return delegate.getJavaMethodName(definition, mode);
    }

    @Override
    public String getJavaClassName(Definition definition, Mode mode) {
        return delegate.getJavaClassName(definition, mode);
    }

    @Override
    public String getJavaPackageName(Definition definition, Mode mode) {
        return delegate.getJavaPackageName(definition, mode);
    }

    @Override
    public String getJavaMemberName(Definition definition, Mode mode) {
        return delegate.getJavaMemberName(definition, mode);
    }
}
