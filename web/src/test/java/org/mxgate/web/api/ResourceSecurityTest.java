package org.mxgate.web.api;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every JAX-RS resource method of the API requires an operator: admin or viewer to read (GET), admin for the rest. */
class ResourceSecurityTest {

    private static final List<Class<? extends Annotation>> HTTP_METHODS = List.of(GET.class, POST.class, PUT.class,
            DELETE.class, PATCH.class, HEAD.class);

    @Test
    void readingNeedsAnOperatorAndChangingTheAdmin() throws Exception {
        List<Class<?>> resources = resourceClasses();
        assertThat(resources).as("resource classes found").contains(GatewayResource.class, MessageResource.class);
        List<String> methods = new ArrayList<>();
        for (Class<?> resource : resources) {
            for (Method m : resource.getDeclaredMethods()) {
                if (HTTP_METHODS.stream().anyMatch(m::isAnnotationPresent) || m.isAnnotationPresent(Path.class)) {
                    methods.add(resource.getSimpleName() + "." + m.getName());
                    RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
                    assertThat(roles).as(resource.getSimpleName() + "." + m.getName() + " has @RolesAllowed")
                            .isNotNull();
                    if (m.isAnnotationPresent(GET.class)) {
                        assertThat(roles.value()).as(m.getName()).containsExactlyInAnyOrder("admin", "viewer");
                    } else {
                        assertThat(roles.value()).as(m.getName()).containsExactly("admin");
                    }
                }
            }
        }
        assertThat(methods).hasSizeGreaterThanOrEqualTo(10);
    }

    /** All classes annotated with @Path in the API package, found on the class path. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        var dir = Paths.get(GatewayResource.class.getResource("GatewayResource.class").toURI()).getParent();
        List<Class<?>> found = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = Files.list(dir)) {
            for (var f : files.toList()) {
                String name = f.getFileName().toString();
                if (name.endsWith(".class") && !name.contains("$")) {
                    Class<?> c = Class.forName(GatewayResource.class.getPackageName() + "."
                            + name.substring(0, name.length() - 6));
                    if (c.isAnnotationPresent(Path.class)) {
                        found.add(c);
                    }
                }
            }
        }
        return found;
    }
}
