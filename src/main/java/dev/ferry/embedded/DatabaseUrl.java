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
            throw new IllegalArgumentException("ferry.database.url must be a PostgreSQL URL such as "
                    + "jdbc:postgresql://host:5432/ferry, got: " + url);
        }
        if (u.substring("postgresql://".length()).contains("@")) {
            throw new IllegalArgumentException("ferry.database.url must not carry credentials; set "
                    + "ferry.database.username and ferry.database.password instead");
        }
        return u;
    }
}
