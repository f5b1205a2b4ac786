package dev.wsclose;

/**
 * Codes {@code first..last} (inclusive) a server can send that make a {@link Profile}'s clients do
 * what an {@link Intent} wants, all with one advice, from {@link Profile#codesFor(Intent)}.
 *
 * @param first the first code
 * @param last the last code (inclusive)
 * @param advice the profile's advice for every code of the range
 */
public record IntentRange(int first, int last, Advice advice) {
    /** Whether {@code code} lies in the range. */
    public boolean contains(int code) {
        return first <= code && code <= last;
    }
}
