package dev.wsclose;

import java.util.List;
import java.util.Optional;

/**
 * The likely causes of a close, most likely first, from {@link WsClose#explain(int, Boolean)}.
 *
 * @param code the close code
 * @param wasClean {@code CloseEvent.wasClean} when known
 * @param causes the causes, most likely first
 */
public record Explanation(int code, Optional<Boolean> wasClean, List<Cause> causes) {
    public Explanation {
        causes = List.copyOf(causes);
    }
}
