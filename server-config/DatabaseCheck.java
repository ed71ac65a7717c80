import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The launcher's check of MXGATE_DB_URL before Payara starts: one connection with the configured
 * user and password. Payara would otherwise fail the deployment and keep running without the
 * application. Run as a source file: java -cp postgresql.jar DatabaseCheck.java (settings from
 * the environment); exit 0 when the database answers, 1 with the driver's reason when not.
 */
public class DatabaseCheck {
    public static void main(String[] args) {
        String url = System.getenv("MXGATE_DB_URL");
        Properties p = new Properties();
        p.setProperty("user", System.getenv().getOrDefault("MXGATE_DB_USER", "mxgate"));
        String password = System.getenv("MXGATE_DB_PASSWORD");
        if (password != null && !password.isEmpty()) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "10");
        try (Connection c = DriverManager.getConnection(url, p)) {
            c.isValid(10);
        } catch (SQLException e) {
            System.err.println("mxgate: cannot start: the database " + url + " does not answer user "
                    + p.getProperty("user") + ": " + e.getMessage());
            System.exit(1);
        }
    }
}
