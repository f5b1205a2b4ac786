package dev.wsclose;

/**
 * What a {@link ReconnectPolicy} decides: stop, or retry after {@link #delayMs()} milliseconds.
 *
 * @param retry false for a decision to stop
 * @param delayMs the delay before the next attempt in milliseconds, an unsigned 64-bit number
 *     (use {@link Long#toUnsignedString(long)}; a cap above {@link Long#MAX_VALUE} can give one);
 *     0 when stopping
 */
public record Decision(boolean retry, long delayMs) {
    /** The decision to stop. */
    public static final Decision STOP = new Decision(false, 0);

    /** Is this the decision to stop? */
    public boolean isStop() {
        return !retry;
    }

    @Override
    public String toString() {
        return retry ? "retry after " + Long.toUnsignedString(delayMs) + " ms" : "stop";
    }
}
