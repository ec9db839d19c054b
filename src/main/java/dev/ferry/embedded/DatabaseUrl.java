package dev.ferry.embedded;

/** Turns the URL forms operators write ({@code jdbc:postgresql://}, {@code postgresql://}, {@code postgres://}) into
 * the driver-neutral {@code postgresql://host:port/db?params} that both JDBC and R2DBC URLs are built from. */
final class DatabaseUrl {

    private DatabaseUrl() {
    }

    static String location(String url) {
        String u = url.trim();
        if (u.startsWith("jdbc:")) {
            u = u.substring("jdbc:".length());
        } else if (u.startsWith("r2dbc:")) {
            u = u.substring("r2dbc:".length());
        }
        if (u.startsWith("postgres://")) {
            u = "postgresql://" + u.substring("postgres://".length());
        }
        if (!u.startsWith("postgresql://")) {
            // The URL itself is not repeated: it may hold a password.
            throw new IllegalArgumentException("ferry.database.url must be a PostgreSQL URL such as "
                    + "jdbc:postgresql://host:5432/ferry");
        }
        String rest = u.substring("postgresql://".length());
        int authorityEnd = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int at = rest.indexOf(c);
            if (at >= 0) {
                authorityEnd = Math.min(authorityEnd, at);
            }
        }
        if (rest.substring(0, authorityEnd).contains("@")) {
            throw new IllegalArgumentException("ferry.database.url must not carry credentials; set "
                    + "ferry.database.username and ferry.database.password instead");
        }
        return u;
    }
}
