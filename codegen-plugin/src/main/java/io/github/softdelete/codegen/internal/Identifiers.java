package io.github.softdelete.codegen.internal;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** Identifier quoting, for the DDL that lint messages suggest: PostgreSQL's double quotes, MariaDB's backquotes. */
final class Identifiers {

    // What PostgreSQL's quote_ident leaves bare (keywords aside: a marker column named after one is
    // rare enough that the suggestion may quote less than the database would).
    private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_$]*");

    // What MariaDB reads as an unquoted name (keywords aside, as above): it keeps the case of unquoted names.
    private static final Pattern PLAIN_MARIADB = Pattern.compile("[A-Za-z_][A-Za-z0-9_$]*");

    private Identifiers() {
    }

    static String quote(String identifier) {
        return PLAIN.matcher(identifier).matches() ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
    }

    static String quoteAll(List<String> identifiers) {
        return identifiers.stream().map(Identifiers::quote).collect(Collectors.joining(", "));
    }

    /** MariaDB's quoting: backquotes, doubled inside. */
    static String backquote(String identifier) {
        return PLAIN_MARIADB.matcher(identifier).matches() ? identifier : '`' + identifier.replace("`", "``") + '`';
    }
}
