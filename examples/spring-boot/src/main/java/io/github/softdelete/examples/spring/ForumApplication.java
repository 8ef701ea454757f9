package io.github.softdelete.examples.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with softdelete-spring-boot-starter: application.properties names the
 * generated policy ({@code softdelete.policy-class}), and the starter installs it on Boot's jOOQ setup.
 */
@SpringBootApplication
public class ForumApplication {
}
