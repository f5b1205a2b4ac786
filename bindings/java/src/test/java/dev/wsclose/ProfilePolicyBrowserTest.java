package dev.wsclose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Profiles, the reconnect policy, explain and the browser model, against the library. */
class ProfilePolicyBrowserTest {
    @Test
    void profilesRoundTripByName() {
        List<Profile> all = Profile.all();
        assertFalse(all.isEmpty());
        List<String> names = new ArrayList<>();
        for (Profile p : all) {
            names.add(p.name());
            assertEquals(p, Profile.byName(p.name()).orElseThrow());
            assertTrue(Profile.byName(p.name().toUpperCase(Locale.ROOT)).isEmpty());
        }
        assertEquals(names.stream().sorted().toList(), names);
        assertTrue(Profile.byName("").isEmpty());
        assertTrue(Profile.byName("\uD800").isEmpty());
        // A name that is not valid Unicode finds no profile (never an exception), as in every binding.
        for (String lone : new String[] {"\uD800", "\uDC00", "\uDC00\uD800", "?"}) {
            assertTrue(Profile.byName("discord-gateway" + lone).isEmpty());
            assertTrue(Profile.bySubprotocol("graphql-transport-ws" + lone).isEmpty());
            assertTrue(Profile.bySubprotocol(lone).isEmpty());
        }
        // docs/profiles.md: graphql-transport-ws is negotiated by its own token, exactly.
        assertEquals("graphql-transport-ws", Profile.bySubprotocol("graphql-transport-ws").orElseThrow().name());
        assertTrue(Profile.bySubprotocol("GRAPHQL-TRANSPORT-WS").isEmpty());
    }

    @Test
    void adviceAndLookupForAllCodes() {
        for (Profile p : Profile.all()) {
            int named = 0;
            for (int code = 0; code <= 0xFFFF; code++) {
                Advice advice = p.advice(code);
                var entry = p.lookup(code);
                if (entry.isPresent()) {
                    named++;
                    assertEquals(code, entry.get().code());
                    assertEquals(advice, entry.get().advice());
                    assertFalse(entry.get().name().isEmpty());
                    assertFalse(entry.get().description().isEmpty());
                }
            }
            assertTrue(named > 0, p + " names no code");
            assertThrows(IllegalArgumentException.class, () -> p.advice(65536));
            assertThrows(IllegalArgumentException.class, () -> p.lookup(-1));
        }
        for (Advice a : Advice.values()) {
            assertEquals(a, Advice.fromNumber(a.number()));
            assertFalse(a.label().isEmpty());
        }
    }

    @Test
    void policyBackoffOverridesAndLimits() {
        ReconnectPolicy policy = ReconnectPolicy.builder().baseMs(100).capMs(1000).override(4000, Advice.RETRY).build();
        long[] ceilings = {100, 200, 400, 800, 1000, 1000};
        for (int attempt = 0; attempt < ceilings.length; attempt++) {
            assertEquals(new Decision(true, ceilings[attempt]), policy.decide(4000, true, attempt, () -> -1L));
            assertEquals(new Decision(true, 0), policy.decide(4000, true, attempt, () -> 0L));
            for (int i = 0; i < 20; i++) {
                Decision d = policy.decide(4000, false, attempt);
                assertTrue(d.retry() && d.delayMs() >= 0 && d.delayMs() <= ceilings[attempt], d.toString());
            }
        }
        ReconnectPolicy later = ReconnectPolicy.builder().override(4000, Advice.RETRY).override(4000, Advice.STOP).build();
        assertTrue(later.decide(4000, true, 0, () -> 0L).isStop());
        ReconnectPolicy.Builder full = ReconnectPolicy.builder();
        for (int i = 0; i < ReconnectPolicy.MAX_OVERRIDES; i++) {
            full.override(4000 + i, Advice.STOP);
        }
        full.override(4000, Advice.RETRY);
        assertTrue(full.build().decide(4000, true, 0, () -> 0L).retry());
        assertThrows(IllegalStateException.class, () -> full.override(4999, Advice.STOP));
        ReconnectPolicy limited = ReconnectPolicy.builder().override(4000, Advice.RETRY).maxAttempts(2).build();
        assertTrue(limited.decide(4000, true, 1, () -> 0L).retry());
        assertEquals(Decision.STOP, limited.decide(4000, true, 2, () -> 0L));
        assertThrows(IllegalArgumentException.class, () -> policy.decide(4000, true, -1, () -> 0L));
        assertThrows(IllegalArgumentException.class, () -> policy.decide(70000, true, 0, () -> 0L));
        // An unsigned cap: the delay is an unsigned 64-bit number.
        ReconnectPolicy huge = ReconnectPolicy.builder().baseMs(1).capMs(-1L).override(4000, Advice.RETRY).build();
        assertEquals(-1L, huge.decide(4000, true, 64, () -> -1L).delayMs());
    }

    @Test
    void policyAdviceIsTheProfilesWithThePolicysRules() {
        for (Profile profile : Profile.all()) {
            ReconnectPolicy stopping = ReconnectPolicy.builder().profile(profile).retryUnspecified(false).build();
            ReconnectPolicy retrying = ReconnectPolicy.builder().profile(profile).build();
            for (int code = 0; code <= 0xFFFF; code++) {
                Advice own = profile.advice(code);
                Advice stop = stopping.advice(code, true);
                Advice retry = retrying.advice(code, true);
                assertEquals(own == Advice.UNSPECIFIED ? Advice.STOP : own, stop, profile + " " + code);
                assertEquals(own == Advice.UNSPECIFIED ? Advice.RETRY : own, retry, profile + " " + code);
                assertEquals(stop == Advice.STOP, stopping.decide(code, true, 0, () -> 0L).isStop(), profile + " " + code);
            }
        }
        ReconnectPolicy discord = ReconnectPolicy.builder().profile(Profile.byName("discord-gateway").orElseThrow()).build();
        assertEquals(Advice.RESUME, discord.advice(4000, true));
        assertThrows(IllegalArgumentException.class, () -> discord.advice(70000, true));
    }

    @Test
    void policyRefusesBadValuesWhenBuilt() {
        // Issue 18 #12: a null advice fails when the policy is built, not at its first decision.
        NullPointerException none = assertThrows(NullPointerException.class,
                () -> ReconnectPolicy.builder().override(4000, null));
        assertTrue(none.getMessage().contains("advice"), none.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(-1));
        assertThrows(IllegalArgumentException.class, () -> ReconnectPolicy.builder().maxAttempts(1L << 32));
        assertThrows(NullPointerException.class, () -> ReconnectPolicy.builder().profile(null));
        ReconnectPolicy.Builder builder = ReconnectPolicy.builder().override(4000, Advice.STOP);
        assertThrows(IllegalArgumentException.class, () -> builder.override(70000, Advice.STOP));
        assertEquals(Decision.STOP, builder.build().decide(4000, true, 0, () -> 0L), "a refused call changes nothing");
    }

    @Test
    void policyFollowsEveryProfile() {
        for (Profile p : Profile.all()) {
            for (boolean retryUnspecified : new boolean[] {false, true}) {
                ReconnectPolicy policy = ReconnectPolicy.builder().profile(p).retryUnspecified(retryUnspecified).build();
                for (int code = 0; code <= 0xFFFF; code += 7) {
                    Advice advice = p.advice(code);
                    boolean want = advice == Advice.RETRY || advice == Advice.RESUME
                            || (advice == Advice.UNSPECIFIED && retryUnspecified);
                    assertEquals(want, policy.decide(code, true, 0, () -> 0L).retry(), p + " " + code);
                }
            }
        }
    }

    @Test
    void explainAllCodes() {
        Set<Cause> seen = EnumSet.noneOf(Cause.class);
        for (int code = 0; code <= 0xFFFF; code++) {
            for (Boolean clean : new Boolean[] {null, false, true}) {
                Explanation e = WsClose.explain(code, clean);
                assertEquals(code, e.code());
                assertEquals(clean, e.wasClean().orElse(null));
                seen.addAll(e.causes());
            }
        }
        assertEquals(EnumSet.allOf(Cause.class), seen);
        for (Cause c : Cause.values()) {
            assertEquals(c.name(), WsClose.causeConstName(c.number()));
            assertFalse(c.summary().isEmpty());
            assertFalse(c.check().isEmpty());
        }
        assertEquals(null, WsClose.causeConstName(Cause.values().length), "the library knows a cause Cause lacks");
        assertEquals(WsClose.explain(1006, null), WsClose.explain(1006));
    }

    @Test
    void closeEvents() {
        assertEquals("chromium", Engine.CHROMIUM.toString());
        for (Engine engine : Engine.values()) {
            CloseEvent dropped = WsClose.closeEvent(engine, null);
            assertEquals(CloseCodes.ABNORMAL_CLOSURE, dropped.code());
            assertFalse(dropped.wasClean());
            assertEquals(CloseEvent.ReplyKind.NONE, dropped.reply().kind());
            assertFalse(dropped.errorFired());
            // Measured: Firefox fires error before close for an RST, Chromium does not.
            CloseEvent reset = WsClose.resetEvent(engine);
            assertEquals(new CloseEvent(CloseCodes.ABNORMAL_CLOSURE, "", false, engine == Engine.FIREFOX, dropped.reply()), reset);
            CloseEvent bye = WsClose.closeEvent(engine, new byte[] {0x03, (byte) 0xe8, 'b', 'y', 'e'});
            assertEquals(new CloseEvent(1000, "bye", true, false, bye.reply()), bye);
            assertEquals(CloseCodes.NO_STATUS_RECEIVED, WsClose.closeEvent(engine, new byte[0]).code());
            for (int code = 0; code <= 0xFFFF; code++) {
                byte[] payload = {(byte) (code >> 8), (byte) code, 'x'};
                CloseEvent event = WsClose.closeEvent(engine, payload);
                try {
                    Close close = WsClose.parseClosePayload(payload);
                    assertEquals(close.code(), event.code());
                    assertEquals(close.reason(), event.reason());
                    assertTrue(event.wasClean());
                } catch (PayloadException e) {
                    assertNotNull(event.reply());
                }
            }
        }
    }

    @Test
    void pageClose() throws DomException {
        for (Engine engine : Engine.values()) {
            assertEquals(new SentClose(OptionalInt.empty(), ""), WsClose.pageClose(engine, null, null));
            assertEquals(new SentClose(OptionalInt.of(1000), "bye"), WsClose.pageClose(engine, 1000.0, "bye"));
            assertEquals(new SentClose(OptionalInt.of(4000), ""), WsClose.pageClose(engine, 4000.0, ""));
            assertEquals("a\uFFFD", WsClose.pageClose(engine, 1000.0, "a\uD800").reason());
            DomException access = assertThrows(DomException.class, () -> WsClose.pageClose(engine, 999.0, null));
            assertEquals("InvalidAccessError", access.name());
            assertEquals(DomExceptionKind.INVALID_ACCESS, access.kind());
            DomException syntax = assertThrows(DomException.class,
                    () -> WsClose.pageClose(engine, 1000.0, "a".repeat(CloseCodes.MAX_REASON_LEN + 1)));
            assertEquals("SyntaxError", syntax.name());
            assertThrows(DomException.class, () -> WsClose.pageClose(engine, Double.NaN, null));
            for (int code = 0; code <= 0xFFFF; code++) {
                boolean closeable = WsClose.isBrowserCloseable(code);
                try {
                    SentClose sent = WsClose.pageClose(engine, (double) code, null);
                    assertTrue(closeable, engine + " " + code);
                    assertEquals(OptionalInt.of(code), sent.code());
                } catch (DomException e) {
                    assertFalse(closeable, engine + " " + code);
                }
            }
        }
    }

    @Test
    void codesForAndCheckIntentAgreeForEveryCode() {
        for (Profile profile : Profile.all()) {
            for (Intent intent : Intent.values()) {
                boolean[] member = new boolean[65536];
                for (IntentRange r : profile.codesFor(intent)) {
                    for (int c = r.first(); c <= r.last(); c++) {
                        member[c] = true;
                    }
                }
                int[] below = new int[65536];
                int[] above = new int[65536];
                int seen = -1;
                for (int c = 0; c <= 0xFFFF; c++) {
                    below[c] = seen;
                    seen = member[c] ? c : seen;
                }
                seen = -1;
                for (int c = 0xFFFF; c >= 0; c--) {
                    above[c] = seen;
                    seen = member[c] ? c : seen;
                }
                for (int c = 0; c <= 0xFFFF; c++) {
                    var miss = profile.checkIntent(c, intent);
                    assertEquals(member[c], miss.isEmpty(), profile + " " + intent + " " + c);
                    if (miss.isPresent()) {
                        IntentMismatch m = miss.get();
                        assertEquals(WsClose.isSendable(c), m.sendable());
                        assertEquals(below[c], m.below().orElse(-1), profile + " " + intent + " " + c);
                        assertEquals(above[c], m.above().orElse(-1), profile + " " + intent + " " + c);
                    }
                }
            }
        }
    }

    @Test
    void checkIntentTheCentrifugeCase() {
        Profile centrifuge = Profile.byName("centrifuge").orElseThrow();
        IntentMismatch miss = centrifuge.checkIntent(4401, Intent.STOP).orElseThrow();
        assertEquals(Advice.RETRY, miss.advice().orElseThrow());
        assertEquals(OptionalInt.of(3999), miss.below());
        assertEquals(OptionalInt.of(4500), miss.above());
        assertTrue(centrifuge.checkIntent(4501, Intent.STOP).isEmpty());
        assertThrows(NullPointerException.class, () -> centrifuge.codesFor(null));
        assertThrows(IllegalArgumentException.class, () -> centrifuge.checkIntent(70000, Intent.STOP));
        assertThrows(NullPointerException.class, () -> ReconnectPolicy.builder().override(4000, null));
        assertThrows(NullPointerException.class, () -> WsClose.resetEvent(null));
    }
}
