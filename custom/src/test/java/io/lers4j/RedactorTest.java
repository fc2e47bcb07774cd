package io.lers4j;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RedactorTest {

    @Test
    void thePasswordStaysMaskedWhileTokensRotate() {
        Redactor r = new Redactor();
        r.addSecret("Pa55-word");
        for (int i = 0; i < 40; i++) {
            r.addToken("token-number-" + i);
        }
        assertEquals("login *** failed, *** rejected, token-number-0 long gone",
                r.redact("login Pa55-word failed, token-number-39 rejected, token-number-0 long gone"));
    }

    @Test
    void shortValuesAndNullsAreLeftAlone() {
        Redactor r = new Redactor();
        r.addSecret("abc");
        r.addSecret(null);
        r.addToken(null);
        assertEquals("abc", r.redact("abc"));
        assertEquals(null, r.redact(null));
    }
}
