package dev.ferry.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DatabaseUrlTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://db.internal:5432/ferry",
            "r2dbc:postgresql://db.internal:5432/ferry",
            "postgresql://db.internal:5432/ferry",
            "postgres://db.internal:5432/ferry",
            "jdbc:postgres://db.internal:5432/ferry",
            "r2dbc:postgres://db.internal:5432/ferry",
            "  jdbc:postgresql://db.internal:5432/ferry\n"})
    void acceptsEveryFormOperatorsWrite(String url) {
        assertThat(DatabaseUrl.location(url)).isEqualTo("postgresql://db.internal:5432/ferry");
    }

    @Test
    void keepsQueryParameters() {
        assertThat(DatabaseUrl.location("jdbc:postgresql://db:5432/ferry?sslmode=require&connectTimeout=5"))
                .isEqualTo("postgresql://db:5432/ferry?sslmode=require&connectTimeout=5");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:postgresql://ferry:s3cret@db:5432/ferry",
            "postgres://ferry@db/ferry",
            "r2dbc:postgresql://ferry:s3cret@db:5432/ferry?sslmode=require"})
    void refusesCredentialsInTheUrlWithoutRepeatingThem(String url) {
        assertThatThrownBy(() -> DatabaseUrl.location(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must not carry credentials")
                .hasMessageNotContaining("s3cret");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "jdbc:mysql://db:3306/ferry",
            "mysql://db/ferry",
            "jdbc:h2:mem:ferry",
            "http://db:5432/ferry",
            "db:5432/ferry",
            ""})
    void refusesOtherSchemes(String url) {
        assertThatThrownBy(() -> DatabaseUrl.location(url)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a PostgreSQL URL");
    }

    @Test
    void doesNotRepeatCredentialsOfAUrlWithAnotherScheme() {
        assertThatThrownBy(() -> DatabaseUrl.location("jdbc:mysql://ferry:s3cret@db:3306/ferry"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageNotContaining("s3cret");
    }

    @Test
    void acceptsAnAtSignInAQueryParameter() {
        assertThat(DatabaseUrl.location("postgresql://db:5432/ferry?ApplicationName=ferry@eu-1"))
                .isEqualTo("postgresql://db:5432/ferry?ApplicationName=ferry@eu-1");
    }
}
