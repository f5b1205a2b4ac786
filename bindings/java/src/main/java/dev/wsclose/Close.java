package dev.wsclose;

/**
 * A decoded Close frame payload.
 *
 * @param code the status code; 1005 (No Status Received) when the payload was empty
 * @param reason the reason text, possibly empty
 */
public record Close(int code, String reason) {}
