package dev.certgate.api;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the enums of this package read a user's text: one rule for all of them. */
final class Vocabulary {

    private Vocabulary() {
    }

    /**
     * The constant {@code text} names: its name, case-insensitive, around spaces, with '-' for '_' ("http-01").
     *
     * @return null for null or blank text
     * @throws InvalidInputException on {@code field} when it names none of them; the message lists them
     */
    static <E extends Enum<E>> E parse(Class<E> type, String field, String what, String text)
            throws InvalidInputException {
        if (text == null || text.isBlank()) {
            return null;
        }
        String wanted = text.strip().replace('-', '_').toUpperCase(Locale.ROOT);
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equals(wanted)) {
                return constant;
            }
        }
        throw new InvalidInputException(field, "The " + what + " \"" + text.strip() + "\" is not known. Choose one of "
                + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")) + ".");
    }
}
