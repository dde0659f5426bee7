package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void hashIsSelfDescribingSaltedAndVerifies() {
        String a = PasswordHasher.hash("correct horse");
        String b = PasswordHasher.hash("correct horse");
        assertThat(a).startsWith("pbkdf2-sha256$210000$").doesNotContain("correct horse");
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHasher.verify("correct horse", a)).isTrue();
        assertThat(PasswordHasher.verify("correct horse", b)).isTrue();
        assertThat(PasswordHasher.verify("Correct horse", a)).isFalse();
    }

    @Test
    void iterationsComeFromTheStoredString() {
        String stored = PasswordHasher.hash("pw");
        String[] p = stored.split("\\$");
        String weaker = p[0] + "$1000$" + p[2] + "$" + p[3];
        assertThat(PasswordHasher.verify("pw", weaker)).isFalse();
        assertThat(Integer.parseInt(p[1])).isGreaterThanOrEqualTo(210_000);
    }

    @Test
    void malformedStoredHashNeverVerifies() {
        assertThat(PasswordHasher.verify("pw", "")).isFalse();
        assertThat(PasswordHasher.verify("pw", "md5$abc")).isFalse();
        assertThat(PasswordHasher.verify("pw", "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("pw", "pbkdf2-sha256$10$!!$AAAA")).isFalse();
    }
}
