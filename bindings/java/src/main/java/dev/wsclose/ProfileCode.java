package dev.wsclose;

/**
 * A code a {@link Profile} names, from {@link Profile#lookup(int)}.
 *
 * @param code the code
 * @param name the profile's name for it, e.g. "Authentication failed"
 * @param description what the code means in the profile
 * @param advice the profile's advice for it
 */
public record ProfileCode(int code, String name, String description, Advice advice) {}
