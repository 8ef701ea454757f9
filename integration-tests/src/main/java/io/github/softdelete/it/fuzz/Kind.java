package io.github.softdelete.it.fuzz;

import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** The SQL type of a generated expression, which decides what it may be compared or unioned with. */
enum Kind {
    LONG(Long.class),
    TEXT(String.class),
    TIME(OffsetDateTime.class),
    BOOL(Boolean.class),
    NUMBER(BigDecimal.class);

    final Class<?> type;

    Kind(Class<?> type) {
        this.type = type;
    }
}
