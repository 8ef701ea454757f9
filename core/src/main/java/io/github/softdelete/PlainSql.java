package io.github.softdelete;

/**
 * What the library does with SQL text it did not build: jOOQ's plain SQL ({@code ctx.fetch(String)},
 * {@code ctx.execute(String)}, {@code DSL.table(String)}, {@code DSL.condition(String)}, ...), statements sent
 * through {@link SoftDelete#dataSource(org.jooq.Configuration)}, and view definitions jOOQ's parser cannot read.
 * One setting of the policy ({@link SoftDeletePolicy.Builder#plainSql(PlainSql)}), used alike by all three.
 * {@link SoftDelete#allowPlainSql} lets the plain SQL of one context through as written, whatever the setting.
 */
public enum PlainSql {

    /**
     * The default. Whole plain-SQL statements and plain-SQL tables are parsed by jOOQ's parser and rewritten like
     * DSL queries (each distinct text is parsed once and its rewrite kept). Text that is not parsed (it does not
     * parse, or it is a plain-SQL field or condition, which jOOQ cannot parse alone) is refused with a
     * {@link SoftDeleteException} when it names a soft-deletable table where a relation can be named, and passes
     * otherwise ({@code select 1}, {@code SET statement_timeout = 0}, {@code DSL.condition("a > 1")}). A view whose
     * definition does not parse is refused when read.
     */
    PARSE,

    /**
     * Nothing is parsed: plain SQL, SQL text and reads of unparsed views that name a soft-deletable table are
     * refused, the rest passes. For applications that build every query with the DSL and want to be told when
     * one is not.
     */
    REFUSE,

    /**
     * As {@link #PARSE}, but text that is not parsed goes to the database as written, <b>unfiltered</b> (it reads
     * deleted rows, and its DELETEs delete physically), and views whose definitions do not parse are read as they
     * are. Choose it only when every such text is one you have checked; prefer {@link SoftDelete#allowPlainSql} for
     * the texts that are.
     */
    PASS_THROUGH_UNFILTERED
}
