package dev.ferry;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

/** Ferry: takes download jobs, streams their files into S3-compatible storage, hands out presigned URLs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FerryApplication {

    /**
     * The node's clock, for what a node times by itself (when to wake for a due retry). Everything shared between
     * nodes (leases, claimability, retry times) is timed by the database's {@code now()}, so skew between nodes cannot
     * hand one job to two workers.
     */
    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    public static void main(String[] args) {
        SpringApplication.run(FerryApplication.class, args);
    }
}
