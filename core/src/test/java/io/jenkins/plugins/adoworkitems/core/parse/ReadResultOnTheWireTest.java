package io.jenkins.plugins.adoworkitems.core.parse;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.adoworkitems.core.Samples;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.ObjectStreamClass;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Tag;

/**
 * What a Jenkins agent sends back after reading reports: a {@link ReadResult} in Java serialization. The controller
 * lets a class through only when JEP-200 allows it: our own parse and finding classes through the plugin's class
 * filter, and JDK classes only when they are on Jenkins' list (core/src/main/resources/jenkins/security/
 * whitelisted-classes.txt at jenkins-2.541.3, which holds each JDK class named below). A new field of another JDK
 * type (a Path, an Instant, a HashMap subclass) would pass every other test and fail on the first agent.
 */
@Tag("shared-data")
class ReadResultOnTheWireTest {
    private static final Set<String> JDK_CLASSES_JENKINS_ALLOWS = Set.of("java.lang.Double", "java.lang.Enum",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Boolean", "java.util.CollSer",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableList", "java.util.TreeMap",
            "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.Optional", "java.net.URI");

    @Test
    void everySampleTravelsAsOurClassesAndJdkClassesJenkinsAllows() throws Exception {
        List<ReportInput> inputs;
        try (Stream<Path> files = Files.walk(Samples.shared().resolve("samples"))) {
            inputs = files.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".md"))
                    .sorted().map(ReportInput::of).toList();
        }
        ReadResult read = new FindingsReader(ParseOptions.DEFAULTS).readAll(inputs, Optional.empty(), true);
        assertThat(read.reports()).hasSizeGreaterThan(40);
        assertThat(read.problems()).isNotEmpty();

        Set<String> classes = new TreeSet<>();
        Object back = roundTrip(read, classes);

        assertThat(back).isEqualTo(read);
        Set<String> ours = new TreeSet<>(WireClasses.OF_READ_RESULT.stream().map(Class::getName).toList());
        assertThat(classes).contains(ReadResult.class.getName(), ReportProblem.class.getName())
                .allSatisfy(name -> assertThat(ours.contains(name) || JDK_CLASSES_JENKINS_ALLOWS.contains(name))
                        .as(name).isTrue());
        // The list is exact, not merely enough: a class of ours listed but never sent would be let through for nothing.
        assertThat(classes).containsAll(ours);
    }

    private static Object roundTrip(ReadResult read, Set<String> classes) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(read);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray())) {
            @Override
            protected Class<?> resolveClass(ObjectStreamClass description) throws IOException, ClassNotFoundException {
                classes.add(description.getName());
                return super.resolveClass(description);
            }
        }) {
            return in.readObject();
        }
    }
}
