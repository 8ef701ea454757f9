package io.github.softdelete.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an instant: {@code 2026-01-01} (midnight UTC), {@code 2026-01-01T00:00:00Z} or with an offset. */
final class InstantConverter implements ITypeConverter<Instant> {

    @Override
    public Instant convert(String value) {
        try {
            if (value.length() == 10)
                return LocalDate.parse(value).atStartOfDay().toInstant(ZoneOffset.UTC);
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not a date or an instant; use e.g. 2026-01-01"
                + " (midnight UTC) or 2026-01-01T12:00:00+02:00");
        }
    }
}
