package dev.wsclose;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * A code that does not make a {@link Profile}'s clients do what was intended, from
 * {@link Profile#checkIntent(int, Intent)}.
 *
 * @param code the code that was checked
 * @param intent what was intended
 * @param advice what the clients do after the code instead; empty when the code cannot be sent
 * @param below the highest code below {@code code} that does what was intended, if any
 * @param above the lowest code above {@code code} that does what was intended, if any
 */
public record IntentMismatch(int code, Intent intent, Optional<Advice> advice, OptionalInt below, OptionalInt above) {
    /** Whether the code may be sent at all; when it may not, no client ever receives it. */
    public boolean sendable() {
        return advice.isPresent();
    }
}
