package dev.ferry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ferry: takes download jobs, streams their files into S3-compatible storage, hands out presigned URLs. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FerryApplication {

    public static void main(String[] args) {
        SpringApplication.run(FerryApplication.class, args);
    }
}
