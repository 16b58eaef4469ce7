package io.jenkins.plugins.adoworkitems.core.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.jenkins.plugins.adoworkitems.core.Samples;
import io.jenkins.plugins.adoworkitems.core.finding.Severity;
import io.jenkins.plugins.adoworkitems.core.parse.ReportInput;
import io.jenkins.plugins.adoworkitems.core.parse.ScreenedScan;
import io.jenkins.plugins.adoworkitems.core.parse.WireClasses;
import io.jenkins.plugins.adoworkitems.core.template.Grouping;
import io.jenkins.plugins.adoworkitems.core.template.Routing;
import io.jenkins.plugins.adoworkitems.core.template.Template;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The plugin's lean path to an agent and back: the controller sends a {@link FindingFilter}, the agent reads the
 * reports through it and answers with a {@link ScreenedScan}. Each is read back here through an
 * {@link ObjectInputFilter} that lets through exactly the classes that may be in it (as the plugin's JEP-200 filter
 * and Jenkins' list of JDK classes do, see ReadResultOnTheWireTest) and rejects anything else.
 */
@Tag("shared-data")
class ScreenedScanOnTheWireTest {
    /** Jenkins' whitelisted-classes.txt holds each of these; arrays it lets through by kind. */
    private static final Set<String> JDK_CLASSES_JENKINS_ALLOWS = Set.of("java.lang.Double", "java.lang.Enum",
            "java.lang.Number", "java.lang.Integer", "java.lang.Long", "java.lang.Boolean", "java.util.CollSer",
            "java.util.Collections$UnmodifiableMap", "java.util.Collections$UnmodifiableList", "java.util.TreeMap",
            "java.util.ArrayList", "java.util.LinkedHashMap", "java.util.Optional", "java.net.URI");
    /**
     * What {@code CollSer} (List.of, Map.of) resolves to once read: an {@link ObjectInputFilter} sees these too,
     * Jenkins' class filter (which judges the classes named in the stream) does not.
     */
    private static final Set<String> RESOLVED_FROM_COLLSER = Set.of("java.util.ImmutableCollections$List12",
            "java.util.ImmutableCollections$ListN", "java.util.ImmutableCollections$Map1",
            "java.util.ImmutableCollections$MapN", "java.util.ImmutableCollections$Set12",
            "java.util.ImmutableCollections$SetN");

    private static final List<Template> TEMPLATES = List.of(
            new Template("images", "", "Demo", "Bug", "", "", List.of(), "", Severity.HIGH, null,
                    "${rule.id} in ${property.PkgName}", "", Map.of(),
                    new Routing(List.of("Trivy", "Grype"), List.of(), null, null, List.of(), List.of()),
                    Grouping.PACKAGE, 0, true, "", null, false),
            new Template("code", "", "Demo", "Bug", "", "", List.of(), "", Severity.MEDIUM, null, "", "", Map.of(),
                    Routing.ANY, Grouping.FINDING, 0, false, "", null, false));

    @Test
    void theFilterTravelsToTheAgentAsItsOwnClassesAndJdkClassesJenkinsAllows() throws Exception {
        FindingFilter filter = FindingFilter.of(TEMPLATES, true);
        Set<String> ours = Set.of(FindingFilter.class.getName(), FindingFilter.Rule.class.getName(),
                Routing.class.getName(), Severity.class.getName(), Grouping.class.getName());
        Set<String> classes = new TreeSet<>();

        Object back = roundTrip(filter, ours, classes);

        assertThat(back).isEqualTo(filter);
        assertThat(((FindingFilter) back).id()).isEqualTo(filter.id());
        assertThat(classes).containsAll(ours);
    }

    @Test
    void whatTheAgentSendsBackHoldsOnlyTheWireClasses() throws Exception {
        List<ReportInput> inputs;
        try (Stream<Path> files = Files.walk(Samples.shared().resolve("samples"))) {
            inputs = files.filter(Files::isRegularFile).filter(file -> !file.toString().endsWith(".md"))
                    .sorted().map(ReportInput::of).toList();
        }
        ScreenedScan scan = FindingFilter.of(TEMPLATES, true).read(inputs, Optional.empty(), true);
        assertThat(scan.reports()).hasSizeGreaterThan(40);
        assertThat(scan.problems()).isNotEmpty();
        assertThat(scan.kept()).isNotEmpty();
        assertThat(scan.belowThreshold()).isPositive();
        assertThat(scan.suppressed()).isPositive();

        Set<String> ours = new TreeSet<>(WireClasses.OF_SCREENED_SCAN.stream().map(Class::getName).toList());
        Set<String> classes = new TreeSet<>();
        Object back = roundTrip(scan, ours, classes);

        assertThat(back).isEqualTo(scan);
        // The list is exact, not merely enough: a class of ours listed but never sent would be let through for nothing.
        assertThat(classes).containsAll(ours);
    }

    /** Writes and reads back {@code value}, rejecting every class that is neither {@code ours} nor allowed JDK data. */
    private static Object roundTrip(Object value, Set<String> ours, Set<String> classes)
            throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.setObjectInputFilter(info -> {
                Class<?> type = info.serialClass();
                if (type == null) {
                    return ObjectInputFilter.Status.UNDECIDED;
                }
                if (type.isArray()) {
                    // As Jenkins: an array passes, its elements are judged by their own classes.
                    return ObjectInputFilter.Status.ALLOWED;
                }
                classes.add(type.getName());
                return ours.contains(type.getName()) || JDK_CLASSES_JENKINS_ALLOWS.contains(type.getName())
                        || RESOLVED_FROM_COLLSER.contains(type.getName()) ? ObjectInputFilter.Status.ALLOWED : ObjectInputFilter.Status.REJECTED;
            });
            return in.readObject();
        }
    }
}
