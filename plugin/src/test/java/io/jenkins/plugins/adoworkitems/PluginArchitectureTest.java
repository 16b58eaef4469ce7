package io.jenkins.plugins.adoworkitems;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import hudson.model.Descriptor;
import org.junit.jupiter.api.Test;
import org.kohsuke.stapler.verb.POST;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

/**
 * Every web method ({@code do[A-Z]…}: doCheck…, doFill…, doTestConnection, doVerify…) of our descriptors is POST-only and asks
 * {@link FormAccess} for permission: the two mistakes Jenkins security advisories report most. Written here because
 * plugin-util-api's PluginArchitectureRules require its JenkinsFacade, which this plugin does not use.
 */
class PluginArchitectureTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.jenkins.plugins.adoworkitems");

    private static final ArchRule ENDPOINTS_ARE_POST_AND_CHECKED = methods()
            .that().areDeclaredInClassesThat().areAssignableTo(Descriptor.class)
            // Every Stapler web method: "do" and an upper-case letter (doVerify has nothing after its verb).
            .and().haveNameMatching("do[A-Z].*")
            .should().beAnnotatedWith(POST.class)
            .andShould().bePublic()
            .andShould(new ArchCondition<JavaMethod>("ask FormAccess for permission") {
                @Override
                public void check(JavaMethod method, ConditionEvents events) {
                    boolean asks = method.getCallsFromSelf().stream()
                            .anyMatch(call -> call.getTargetOwner().isEquivalentTo(FormAccess.class));
                    if (!asks) {
                        events.add(SimpleConditionEvent.violated(method, method.getFullName() + " does not call FormAccess"));
                    }
                }
            });

    @Test
    void formEndpointsArePostOnlyAndCheckPermission() {
        ENDPOINTS_ARE_POST_AND_CHECKED.check(PLUGIN);
    }
}
