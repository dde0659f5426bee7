package io.argus.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordHasherTest {
    @Test
    void hashIsArgon2idSelfDescribingSaltedAndVerifies() {
        String a = PasswordHasher.hash("correct horse");
        String b = PasswordHasher.hash("correct horse");
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").doesNotContain("correct horse");
        assertThat(a).isNotEqualTo(b);
        assertThat(PasswordHasher.verify("correct horse", a)).isTrue();
        assertThat(PasswordHasher.verify("correct horse", b)).isTrue();
        assertThat(PasswordHasher.verify("Correct horse", a)).isFalse();
        assertThat(PasswordHasher.needsRehash(a)).isFalse();
    }

    @Test
    void parametersComeFromTheStoredString() {
        String stored = PasswordHasher.hash("pw");
        String weaker = stored.replace("t=2", "t=1");
        assertThat(PasswordHasher.verify("pw", weaker)).isFalse();
        assertThat(PasswordHasher.needsRehash(weaker)).isTrue();
    }

    @Test
    void oldPbkdf2HashesStillVerifyAndAskForARehash() {
        String old = PasswordHasher.hashPbkdf2("correct horse");
        assertThat(old).startsWith("pbkdf2-sha256$210000$");
        assertThat(PasswordHasher.verify("correct horse", old)).isTrue();
        assertThat(PasswordHasher.verify("correct horsE", old)).isFalse();
        assertThat(PasswordHasher.needsRehash(old)).isTrue();
        String[] p = old.split("\\$");
        assertThat(PasswordHasher.verify("correct horse", p[0] + "$1000$" + p[2] + "$" + p[3])).isFalse();
    }

    @Test
    void malformedStoredHashNeverVerifies() {
        assertThat(PasswordHasher.verify("pw", "")).isFalse();
        assertThat(PasswordHasher.verify("pw", "md5$abc")).isFalse();
        assertThat(PasswordHasher.verify("pw", "pbkdf2-sha256$x$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("pw", "pbkdf2-sha256$10$!!$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("pw", "$argon2id$v=19$m=99999999,t=2,p=1$AAAA$AAAA")).isFalse();
        assertThat(PasswordHasher.verify("pw", "$argon2id$v=19$garbage")).isFalse();
    }
}
