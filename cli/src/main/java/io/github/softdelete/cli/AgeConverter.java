package io.github.softdelete.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads an age such as {@code 90d}, {@code 12h}, {@code 2w}, {@code 30m}, {@code 45s}, or ISO-8601 {@code P90D}. */
final class AgeConverter implements ITypeConverter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})([wdhms])");

    @Override
    public Duration convert(String value) {
        Duration age = parse(value.trim());
        if (age.isZero() || age.isNegative())
            throw new TypeConversionException("'" + value + "' is not a positive age; use e.g. 90d, 12h or P90D");
        return age;
    }

    private static Duration parse(String value) {
        Matcher matcher = SHORT.matcher(value);
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "w" -> Duration.ofDays(7 * amount);
                case "d" -> Duration.ofDays(amount);
                case "h" -> Duration.ofHours(amount);
                case "m" -> Duration.ofMinutes(amount);
                default -> Duration.ofSeconds(amount);
            };
        }
        try {
            return Duration.parse(value);
        } catch (DateTimeParseException e) {
            throw new TypeConversionException("'" + value + "' is not an age; use a number and a unit (w, d, h, m, s),"
                + " e.g. 90d, or ISO-8601 such as P90D");
        }
    }
}
