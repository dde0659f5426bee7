package io.argus.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {
    final PasswordPolicy policy = new PasswordPolicy(12);

    @Test
    void controlCharactersAreRefusedLikeEveryOtherCredentialField() {
        for (String bad : new String[] {"long-enough-pw\r\nX-Injected: 1", "long-enough-pw\u0000", "tab\tseparated-pw",
                "long-enough-pw\u0085"}) {
            assertThat(policy.problem("alice", bad)).as(bad).hasValue("must not contain control characters");
        }
        assertThat(policy.problem("alice", "a perfectly fine pass phrase")).isEmpty();
    }
}
