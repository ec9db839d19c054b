package dev.ferry.ops;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * The web server runs on event loops owned by this application context, not on Reactor Netty's JVM-wide ones. With
 * the global ones, closing a context disposes them, pulling the loops from under every other user in the JVM: the
 * database driver, the source fetcher, and any other context (tests run several in one JVM).
 */
@Configuration(proxyBeanMethods = false)
class NettyResources {

    @Bean
    ReactorResourceFactory reactorResourceFactory() {
        ReactorResourceFactory factory = new ReactorResourceFactory();
        factory.setUseGlobalResources(false);
        return factory;
    }
}
